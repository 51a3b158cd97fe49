package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.LintPolicySpec;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.lint.Finding;
import io.schemagate.lint.PlanReview;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run of one database in one reconcile, in the phases of docs/ARCHITECTURE.md: observe (the
 * engine's plan for the target), decide (a pure {@link Decision}), act on the {@link Step}; a
 * reset, a repair or a partial upgrade is followed by a new observation. Ends in a {@link
 * TargetResult}; a failure of the engine ends in one too, never in an exception.
 */
final class TargetRun implements Step.Actor<Optional<TargetResult>> {
  private static final Logger LOG = LoggerFactory.getLogger(TargetRun.class);

  /**
   * What the run shares with its resource's reconcile.
   *
   * @param status the status assembler the run's observations feed: the resource's, or a fleet
   *     target's own
   * @param secrets the values masked in every text of the status
   * @param key the database's key in the operator's memories (verified states, history owners)
   * @param requests what the resource's annotations ask of this database
   * @param fleetTarget true for one target of a fleet: its progress is the fleet's to record
   */
  record Resource(
      DatabaseMigration resource,
      ReconcileContext context,
      StatusAssembler status,
      Announcements announce,
      Redactor secrets,
      String key,
      Requests requests,
      boolean fleetTarget) {
    /** The run of a resource's one database. */
    Resource(
        DatabaseMigration resource,
        ReconcileContext context,
        StatusAssembler status,
        Announcements announce,
        Redactor secrets) {
      this(
          resource,
          context,
          status,
          announce,
          secrets,
          resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName(),
          Requests.of(resource),
          false);
    }
  }

  private final DatabaseMigration resource;
  private final DatabaseMigrationSpec spec;
  private final ReconcileContext context;
  private final StatusAssembler status;
  private final Announcements announce;
  private final Redactor secrets;
  private final TargetEngine engine;
  private final DatabaseUrl url;
  private final String planInputs;
  private final String history;
  private final String key;
  private final Requests requests;
  private final boolean fleetTarget;
  private final Set<String> announced = new HashSet<>();
  private VerifiedStates.Inputs inputs;
  private Observation seen;
  private int partials;

  /**
   * @param planInputs the digest of what else decides the plan (bundle, placeholders, database)
   * @param history the key of the database's history table ({@link HistoryOwners#key})
   */
  TargetRun(
      Resource shared, TargetEngine engine, DatabaseUrl url, String planInputs, String history) {
    this.resource = shared.resource();
    this.spec = resource.getSpec();
    this.context = shared.context();
    this.status = shared.status();
    this.announce = shared.announce();
    this.secrets = shared.secrets();
    this.engine = engine;
    this.url = url;
    this.planInputs = planInputs;
    this.history = history;
    this.key = shared.key();
    this.requests = shared.requests();
    this.fleetTarget = shared.fleetTarget();
  }

  /** Observes, decides and acts until a step ends the run. */
  TargetResult run() {
    try {
      // Read before everything else: a change that lands during the full check shows next time.
      inputs =
          engine
              .fingerprint()
              .map(
                  fingerprint ->
                      new VerifiedStates.Inputs(
                          resource.getMetadata().getUid(),
                          generation(),
                          requests.fingerprint(),
                          planInputs,
                          url,
                          fingerprint))
              .orElse(null);
      if (inputs != null && status.settled() && context.verified().unchanged(key, inputs)) {
        return TargetResult.unchanged();
      }
      while (true) {
        seen = observe();
        Step step = Decision.of(seen);
        shown(step);
        Optional<TargetResult> end = step.actOn(this);
        if (end.isPresent()) {
          return end.get();
        }
      }
    } catch (EngineException e) {
      Reason reason = Decision.reasonOf(e.kind());
      refreshAfterFailure(reason);
      return TargetResult.failed(reason, e.getMessage(), e.script(), e.line(), null);
    }
  }

  private long generation() {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /** The engine's plan for spec.target, with what the decision needs from the resource. */
  private Observation observe() {
    MigrationPlan plan = engine.plan(spec.target);
    observed(plan.seen(), plan.toVersion());
    DatabaseMigrationStatus known = status.status();
    PlanReview review =
        plan.refusal().isEmpty() && plan.direction() != io.schemagate.engine.api.Direction.NONE
            ? context.reviews().of(Decision.planId(planInputs, plan), () -> engine.review(plan))
            : PlanReview.empty();
    return new Observation(
        resource.getMetadata().getName(),
        spec.policy.approval,
        spec.policy.allowDowngrade,
        spec.policy.allowClean,
        requests,
        known.lastReset,
        known.lastRepair,
        known.lastApproval,
        planInputs,
        plan,
        review,
        spec.policy.lint == null ? new LintPolicySpec() : spec.policy.lint,
        spec.policy.holdContractSteps,
        context.pods().running(resource),
        context.pods().held(resource),
        context.owners().sharedWith(history, key).orElse(null));
  }

  /**
   * The plan a step shows, shown for the first time: its findings announced as one Event and
   * counted; a finding announced earlier in this reconcile (before a partial run) is not announced
   * again.
   */
  private void shown(Step step) {
    ShownPlan plan = step.shownPlan();
    if (plan == null) {
      return;
    }
    List<Finding> fresh =
        seen.review().findings().stream()
            .filter(f -> announced.add(f.script() + ":" + f.line() + ":" + f.rule()))
            .toList();
    if (!fresh.isEmpty() && status.newPlan(plan)) {
      announce.lintFindings(plan, fresh);
    }
  }

  @Override
  public Optional<TargetResult> atTarget(Step.AtTarget step) {
    if (inputs != null) {
      context.verified().verified(key, inputs);
    }
    context.owners().claim(history, key);
    return Optional.of(TargetResult.ready());
  }

  @Override
  public Optional<TargetResult> awaitApproval(Step.AwaitApproval step) {
    return Optional.of(TargetResult.awaitingApproval(withSql(step.plan()), step.why()));
  }

  /**
   * Runs the scripts up to {@code step.to()}; after a partial run (up to a held contract step) the
   * reconcile decides once more, at most once per contract step of the plan.
   */
  @Override
  public Optional<TargetResult> upgrade(Step.Upgrade step) {
    TargetResult result = apply(step.plan(), seen.plan().upTo(step.to()), step.to());
    boolean again = step.partial() && partials++ <= seen.review().contractSteps().size();
    return again ? Optional.empty() : Optional.of(result);
  }

  @Override
  public Optional<TargetResult> holdContract(Step.HoldContract step) {
    return Optional.of(TargetResult.contractHeld(withSql(step.plan()), step.message()));
  }

  @Override
  public Optional<TargetResult> downgrade(Step.Downgrade step) {
    return Optional.of(apply(step.plan(), seen.plan(), seen.plan().toVersion()));
  }

  @Override
  public Optional<TargetResult> refuse(Step.Refuse step) {
    return Optional.of(
        TargetResult.failed(
            Reason.LintRefused, step.message(), step.script(), step.line(), withSql(step.plan())));
  }

  @Override
  public Optional<TargetResult> reset(Step.Reset step) {
    var cleaned = engine.clean();
    status.resetDone(step.token());
    announce.reset(cleaned.schemasCleaned(), step.token());
    return Optional.empty();
  }

  @Override
  public Optional<TargetResult> repair(Step.Repair step) {
    var report = engine.repair();
    status.repairDone(step.token());
    announce.repaired(step.token(), report.removedFailed().size(), report.realigned().size());
    return Optional.empty();
  }

  @Override
  public Optional<TargetResult> retry(Step.Retry step) {
    return Optional.of(
        TargetResult.failed(step.reason(), step.message(), step.script(), step.line(), null));
  }

  @Override
  public Optional<TargetResult> stall(Step.Stall step) {
    return Optional.of(
        TargetResult.failed(step.reason(), step.message(), step.script(), step.line(), null));
  }

  /** {@code plan} with the SQL of the observed plan it shows, rendered once per plan id. */
  private ShownPlan withSql(ShownPlan plan) {
    return plan.withSql(
        status.shownSql(plan).orElseGet(() -> PlanDetails.sql(engine, seen.plan(), secrets)));
  }

  /**
   * Runs the plan: exactly the scripts of {@code run}, the engine's plan this reconcile observed
   * (and the approval named), or nothing when the history or the bundle moved since. The Migrating
   * status is recorded first, through the same recorder: a long run shows that it runs, and a reset
   * just done is on record before any script starts.
   */
  private TargetResult apply(ShownPlan plan, MigrationPlan run, String target) {
    DatabaseMigrationStatus migrating = status.migrating(plan, target);
    if (!fleetTarget) {
      context.status().record(resource, migrating);
    }
    engine.apply(run, announce.listener());
    context.owners().claim(history, key);
    if (requests.approves(plan.id(), status.status().lastApproval)) {
      status.approvalUsed(requests.approve());
    }
    observed(engine.inspect(), target);
    return TargetResult.ready();
  }

  /**
   * After a failed run, show what did get applied, where the database can still be read: after a
   * failure of a script, and after another run moved the history (the plan went stale, or the lock
   * was taken), so that the status does not show the history as it was before that run.
   */
  private void refreshAfterFailure(Reason reason) {
    DatabaseMigrationStatus known = status.status();
    if (known.targetVersion == null
        || (reason.isTransient() && reason != Reason.Migrating)
        || reason == Reason.AuthenticationFailed
        || reason == Reason.PermissionDenied) {
      return;
    }
    try {
      observed(engine.inspect(), known.targetVersion);
    } catch (RuntimeException e) {
      LOG.debug("Could not re-read the status after a failure: {}", e.getMessage());
    }
  }

  /** Puts what was seen into the status and the pending gauge. */
  private void observed(Inspection inspection, String target) {
    int pending = status.observed(inspection, target);
    if (!fleetTarget) {
      context.metrics().pending(resource, pending);
    }
  }
}
