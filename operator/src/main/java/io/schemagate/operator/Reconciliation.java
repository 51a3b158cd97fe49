package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.Failure;
import io.schemagate.api.LintPolicySpec;
import io.schemagate.api.Plan;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import io.schemagate.engine.Bundle;
import io.schemagate.engine.EngineException;
import io.schemagate.engine.EngineSettings;
import io.schemagate.engine.Inspection;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.MigrationListener;
import io.schemagate.engine.MigrationPlan;
import io.schemagate.engine.Vocabulary;
import io.schemagate.engine.lint.Finding;
import io.schemagate.engine.lint.PlanReview;
import io.schemagate.kube.EventRecorder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one resource, in the steps of docs/ARCHITECTURE.md: read the sources and
 * credentials, take a namespace slot, then observe (the engine's plan for the target), decide (a
 * pure {@link Decision}), act, and hand the status the {@link StatusAssembler} built back to be
 * recorded once. A reset or repair is acted on and followed by a new observation, so one reconcile
 * can reset and then apply. Domain problems end in a status, never in an exception.
 */
final class Reconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  /** How the operator's messages name the target and the remedies. */
  static final Vocabulary VOCABULARY =
      new Vocabulary(
          "spec.target",
          "set the annotation schemagate.io/repair to a new value",
          "spec.flyway.outOfOrder",
          "spec.flyway.");

  /**
   * The status to record and when to look again.
   *
   * @param unchanged true when the history was as last verified, so nothing else was read
   */
  record Outcome(DatabaseMigrationStatus status, Duration next, boolean unchanged) {
    Outcome(DatabaseMigrationStatus status, Duration next) {
      this(status, next, false);
    }
  }

  private final DatabaseMigration resource;
  private final DatabaseMigrationSpec spec;
  private final ReconcileContext context;
  private final OperatorSettings settings;
  private final EventRecorder.Batch events;
  private final Announcements announce;
  private final StatusAssembler status;
  private final long generation;
  private final String key;
  private MigrationEngine engine;
  private Redactor secrets = Redactor.none();
  private String planInputs;
  private String history;
  private final Set<String> announced = new HashSet<>();

  Reconciliation(DatabaseMigration resource, ReconcileContext context) {
    this.resource = resource;
    this.spec = resource.getSpec();
    this.context = context;
    this.settings = context.settings();
    this.events = context.events().batch();
    this.announce = new Announcements(resource, events, context.metrics());
    this.generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    this.status = new StatusAssembler(context.status().latest(resource), generation);
    this.key = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /**
   * Does the work, then waits (boundedly) until its events are sent, so that they are in place
   * before the status that reports the outcome.
   */
  Outcome run() {
    Outcome outcome = prepare();
    events.awaitSent(Duration.ofSeconds(10));
    return outcome;
  }

  /** Everything read before the database: spec, credentials, sources, and a namespace slot. */
  private Outcome prepare() {
    if (spec == null || spec.database == null || spec.source == null) {
      return failed(Reason.InvalidSpec, "spec.database and spec.source are required", null, 0);
    }
    if (spec.suspend) {
      return new Outcome(status.suspended(), settings.recheckInterval());
    }
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    // The slot comes first: a namespace's resources read their sources (up to a bundle each) one
    // slot at a time, and every bundle in memory holds its bytes of the operator's budget.
    if (!context.slots().tryAcquire(namespace, name)) {
      return queued(namespace);
    }
    try (BundleBudget.Reservation budget = context.budget().open()) {
      DatabaseUrl url = context.targets().read(resource, settings.tenants().policy(namespace));
      secrets = url.secrets();
      // The log encoder replaces these values, whatever a driver logs at debug level.
      KnownSecrets.set(key, secrets);
      Bundle bundle = context.sources().read(resource, budget);
      status.sourceDigest(bundle.digest());
      planInputs = PlanInputs.digest(bundle, url);
      return withEngine(url, bundle, engineSettings(bundle));
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (IllegalArgumentException e) {
      return failed(Reason.InvalidSpec, e.getMessage(), null, 0);
    } finally {
      context.slots().release(namespace, name).forEach(waiter -> context.wake(namespace, waiter));
    }
  }

  /** Everything that talks to the database, inside one of the namespace's slots. */
  private Outcome withEngine(DatabaseUrl url, Bundle bundle, EngineSettings engineSettings) {
    history = HistoryOwners.key(url.kind().name(), url.jdbcUrl(), engineSettings.lockScope());
    javax.sql.DataSource pool = context.pools().acquire(key, url);
    try {
      engine = new MigrationEngine(url, pool, bundle, engineSettings);
      context.running().started(resource.getMetadata().getUid(), engine);
      return reconcile(url);
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (EngineException e) {
      Reason reason = Decision.reasonOf(e.kind());
      refreshAfterFailure(reason);
      return failed(reason, e.getMessage(), e.script(), e.line());
    } finally {
      if (engine != null) {
        context.running().finished(resource.getMetadata().getUid(), engine);
      }
      context.pools().finished(url);
    }
  }

  /**
   * Every slot of the namespace is taken: nothing is read from the database now. A resource that
   * was settled keeps its status; any other shows that it waits, and for whom.
   */
  private Outcome queued(String namespace) {
    Duration again = settings.retryMax();
    if (status.settled()) {
      return new Outcome(status.previous(), again, true);
    }
    return new Outcome(status.queued(context.slots().waitingMessage(namespace)), again);
  }

  /** Observe, decide, act; a reset or repair is followed by a new observation. */
  private Outcome reconcile(DatabaseUrl url) {
    // Read before everything else: a change that lands during the full check then shows next time.
    VerifiedStates.Inputs inputs =
        engine
            .fingerprint()
            .map(
                history ->
                    new VerifiedStates.Inputs(
                        resource.getMetadata().getUid(),
                        generation,
                        Requests.of(resource).fingerprint(),
                        planInputs,
                        url,
                        history))
            .orElse(null);
    if (inputs != null && status.settled() && context.verified().unchanged(key, inputs)) {
      return new Outcome(status.previous(), settings.recheckInterval(), true);
    }
    // A partial upgrade (up to a held contract step) is followed by one more decision, at most
    // once per contract step of the plan; each partial run applies at least one script.
    for (int partials = 0; ; partials++) {
      Observation seen = observe();
      Step step = Decision.of(seen);
      shown(step, seen);
      if (step instanceof Step.Reset reset) {
        reset(reset.token());
      } else if (step instanceof Step.Repair repair) {
        repair(repair.token());
      } else if (step instanceof Step.AtTarget) {
        if (inputs != null) {
          context.verified().verified(key, inputs);
        }
        context.owners().claim(history, key);
        return new Outcome(status.ready(), settings.recheckInterval());
      } else if (step instanceof Step.AwaitApproval wait) {
        return awaitApproval(wait.plan(), seen.plan(), wait.why());
      } else if (step instanceof Step.Upgrade upgrade) {
        Outcome outcome = apply(upgrade.plan(), seen.plan().upTo(upgrade.to()), upgrade.to());
        if (!upgrade.partial() || partials > seen.review().contractSteps().size()) {
          return outcome;
        }
      } else if (step instanceof Step.Downgrade downgrade) {
        return apply(downgrade.plan(), seen.plan(), seen.plan().toVersion());
      } else if (step instanceof Step.HoldContract hold) {
        return held(hold, seen.plan());
      } else if (step instanceof Step.Refuse refuse) {
        refuse.plan().sql = sqlOf(refuse.plan(), seen.plan());
        status.showing(refuse.plan());
        return failed(Reason.LintRefused, refuse.message(), refuse.script(), refuse.line());
      } else if (step instanceof Step.Stall stall) {
        return failed(stall.reason(), stall.message(), stall.script(), stall.line());
      } else if (step instanceof Step.Retry retry) {
        return failed(retry.reason(), retry.message(), retry.script(), retry.line());
      } else {
        throw new IllegalStateException("Unknown step " + step);
      }
    }
  }

  /** The engine's plan for spec.target, with what the decision needs from the resource. */
  private Observation observe() {
    MigrationPlan plan = engine.plan(spec.target);
    observed(plan.seen(), plan.toVersion());
    DatabaseMigrationStatus known = status.status();
    PlanReview review =
        plan.refusal().isEmpty()
            ? context.reviews().of(Decision.plan(planInputs, plan).id, () -> engine.review(plan))
            : PlanReview.empty();
    return new Observation(
        resource.getMetadata().getName(),
        spec.policy.approval,
        spec.policy.allowDowngrade,
        spec.policy.allowClean,
        Requests.of(resource),
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
   * The plan a step shows: its statements masked like every other text, and, shown for the first
   * time, its findings announced as one Event and counted; a finding announced earlier in this
   * reconcile (before a partial run) is not announced again.
   */
  private void shown(Step step, Observation seen) {
    Plan plan = Step.shownPlan(step);
    if (plan == null) {
      return;
    }
    plan.findings.forEach(f -> f.statement = secrets.redact(f.statement));
    List<Finding> fresh =
        seen.review().findings().stream()
            .filter(f -> announced.add(f.script() + ":" + f.line() + ":" + f.rule()))
            .toList();
    if (!fresh.isEmpty() && status.newPlan(plan)) {
      announce.lintFindings(plan, fresh);
    }
  }

  /** A contract step waits for older pods; a new set of pods is announced once. */
  private Outcome held(Step.HoldContract hold, MigrationPlan observed) {
    Plan plan = hold.plan();
    plan.sql = sqlOf(plan, observed);
    String message = hold.message();
    DatabaseMigrationStatus previous = status.previous();
    boolean told =
        previous.conditions != null
            && previous.conditions.stream().anyMatch(c -> message.equals(c.getMessage()));
    if (!told) {
      announce.contractStepHeld(message);
    }
    return new Outcome(status.contractHeld(plan, message), settings.recheckInterval());
  }

  private void reset(String token) {
    var cleaned = engine.maintenance().clean();
    status.resetDone(token);
    announce.reset(cleaned.schemasCleaned(), token);
  }

  private void repair(String token) {
    var report = engine.maintenance().repair();
    status.repairDone(token);
    announce.repaired(token, report.removedFailed().size(), report.realigned().size());
  }

  private Outcome awaitApproval(Plan plan, MigrationPlan observed, String why) {
    plan.sql = sqlOf(plan, observed);
    if (status.newPlan(plan)) {
      announce.approvalPending(plan, why);
    }
    return new Outcome(status.awaitingApproval(plan, why), settings.recheckInterval());
  }

  /** The SQL of {@code observed}, the engine's plan shown as {@code plan}, rendered once per id. */
  private String sqlOf(Plan plan, MigrationPlan observed) {
    return status.shownSql(plan).orElseGet(() -> PlanDetails.sql(engine, observed, secrets));
  }

  /**
   * Runs the plan: exactly the scripts of {@code run}, the engine's plan this reconcile observed
   * (and the approval named), or nothing when the history or the bundle moved since. The Migrating
   * status is recorded first, through the same recorder: a long run shows that it runs, and a reset
   * just done is on record before any script starts.
   */
  private Outcome apply(Plan plan, MigrationPlan run, String target) {
    context.status().record(resource, status.migrating(plan, target));
    MigrationListener listener = announce.listener();
    engine.apply(run, listener);
    context.owners().claim(history, key);
    Requests requests = Requests.of(resource);
    if (requests.approves(plan.id, status.status().lastApproval)) {
      status.approvalUsed(requests.approve());
    }
    observed(engine.inspect(), target);
    return new Outcome(status.ready(), settings.recheckInterval());
  }

  /** After a failed run, show what did get applied, where the database can still be read. */
  private void refreshAfterFailure(Reason reason) {
    DatabaseMigrationStatus known = status.status();
    if (engine == null
        || known.targetVersion == null
        || reason.isTransient()
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
  private void observed(Inspection seen, String target) {
    context.metrics().pending(resource, status.observed(seen, target));
  }

  /** A failure: retried with backoff when transient, stalled otherwise; new ones are announced. */
  private Outcome failed(Reason reason, String raw, String script, int line) {
    // The engine's messages are redacted already; this also covers every other path.
    String message = secrets.redact(raw);
    context.verified().forget(key);
    boolean told = status.repeated(message);
    Failure failure = status.failed(reason, message, script, line);
    context.metrics().failed(resource, reason);
    if (!told) {
      announce.failed(reason, message);
      LOG.warn("{}: {}", reason, message);
    }
    if (!reason.isTransient()) {
      return new Outcome(status.status(), settings.recheckInterval());
    }
    long factor = 1L << Math.min(20, failure.attempts - 1);
    Duration wait = settings.retryMin().multipliedBy(factor);
    if (wait.compareTo(settings.retryMax()) > 0) {
      wait = settings.retryMax();
    }
    return new Outcome(status.status(), wait);
  }

  /** The bundle's options hold its flyway.conf with spec.flyway on top ({@link SourceReader}). */
  private EngineSettings engineSettings(Bundle bundle) {
    return new EngineSettings.Builder()
        .flyway(bundle.options())
        .lockTimeout(settings.lockTimeout())
        .allowClean(spec.policy.allowClean)
        .limits(TimeLimits.of(spec.timeouts, settings.tenants()))
        .history(settings.tenants().history())
        .vocabulary(VOCABULARY)
        .build();
  }
}
