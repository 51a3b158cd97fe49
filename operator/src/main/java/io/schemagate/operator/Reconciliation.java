package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.Failure;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Vocabulary;
import io.schemagate.kube.EventRecorder;
import java.time.Duration;
import java.util.List;
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
  private Redactor secrets = Redactor.none();
  private String planInputs;

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
    if (spec == null
        || spec.source == null
        || (spec.database == null && !FleetMembers.isFleet(spec))) {
      return failed(
          Reason.InvalidSpec,
          "spec.source and one of spec.database, spec.targets and spec.targetSecrets are required",
          null,
          0);
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
      if (FleetMembers.isFleet(spec)) {
        FleetRollout.Strategy strategy = FleetRollout.Strategy.of(spec.rollout);
        Bundle bundle = context.sources().read(resource, budget);
        status.sourceDigest(bundle.digest());
        List<FleetMembers.Member> members =
            FleetMembers.of(resource, context.targets(), queriedSchemas(bundle));
        return new FleetRun(resource, context, status, announce, generation)
            .run(members, bundle, strategy);
      }
      DatabaseUrl url = context.targets().read(resource, settings.tenants().policy(namespace));
      secrets = url.secrets();
      status.masking(secrets);
      // The log encoder replaces these values, whatever a driver logs at debug level.
      KnownSecrets.set(key, secrets);
      Bundle bundle = context.sources().read(resource, budget);
      status.sourceDigest(bundle.digest());
      planInputs = PlanInputs.digest(bundle, url);
      return withEngine(url, bundle, engineSettings(bundle, spec, settings));
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (IllegalArgumentException e) {
      return failed(Reason.InvalidSpec, e.getMessage(), null, 0);
    } finally {
      context.slots().release(namespace, name).forEach(waiter -> context.wake(namespace, waiter));
    }
  }

  /**
   * The schemas spec.schemaTargets.query names, read from spec.database under the resource's time
   * limits; null when the fleet is not chosen by a query.
   */
  private List<String> queriedSchemas(Bundle bundle) {
    if (spec.schemaTargets == null
        || spec.schemaTargets.query == null
        || spec.schemaTargets.query.isBlank()
        || spec.database == null) {
      return null;
    }
    DatabaseUrl url =
        context
            .targets()
            .read(resource, settings.tenants().policy(resource.getMetadata().getNamespace()));
    secrets = url.secrets();
    status.masking(secrets);
    try (TargetEngine engine =
        context.engines().open(key, url, bundle, engineSettings(bundle, spec, settings))) {
      return engine.firstColumn(spec.schemaTargets.query, FleetMembers.MAX_TARGETS + 1);
    } catch (EngineException e) {
      throw new Problem(
          Decision.reasonOf(e.kind()),
          "spec.schemaTargets.query failed on spec.database: " + secrets.redact(e.getMessage()));
    }
  }

  /** Everything that talks to the database, inside one of the namespace's slots. */
  private Outcome withEngine(DatabaseUrl url, Bundle bundle, EngineSettings engineSettings) {
    String history =
        HistoryOwners.key(url.kind().name(), url.jdbcUrl(), engineSettings.lockScope());
    String uid = resource.getMetadata().getUid();
    try (TargetEngine engine = context.engines().open(key, url, bundle, engineSettings)) {
      context.running().started(uid, engine);
      try {
        TargetRun.Resource shared =
            new TargetRun.Resource(resource, context, status, announce, secrets);
        return fold(new TargetRun(shared, engine, url, planInputs, history).run());
      } finally {
        context.running().finished(uid, engine);
      }
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (EngineException e) {
      // The engine could not be opened: nothing was read.
      return failed(Decision.reasonOf(e.kind()), e.getMessage(), e.script(), e.line());
    }
  }

  /** The status of the resource from how its database's run ended, its news announced once. */
  private Outcome fold(TargetResult result) {
    Duration recheck = settings.recheckInterval();
    ShownPlan plan = result.plan();
    return switch (result.state()) {
      case UNCHANGED -> new Outcome(status.previous(), recheck, true);
      case READY -> new Outcome(status.ready(), recheck);
      case AWAITING_APPROVAL -> {
        if (status.newPlan(plan)) {
          announce.approvalPending(plan, result.message());
        }
        yield new Outcome(status.awaitingApproval(plan, result.message()), recheck);
      }
      case CONTRACT_HELD -> {
        DatabaseMigrationStatus previous = status.previous();
        boolean told =
            previous.conditions != null
                && previous.conditions.stream()
                    .anyMatch(c -> result.message().equals(c.getMessage()));
        if (!told) {
          announce.contractStepHeld(result.message());
        }
        yield new Outcome(status.contractHeld(plan, result.message()), recheck);
      }
      case FAILED -> {
        if (plan != null) {
          status.showing(plan);
        }
        yield failed(result.reason(), result.message(), result.script(), result.line());
      }
    };
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

  /** A failure: retried with backoff when transient, stalled otherwise; new ones are announced. */
  private Outcome failed(Reason reason, String raw, String script, int line) {
    // The engine's messages are redacted already; this also covers every other path.
    String message = secrets.redact(raw);
    context.verified().forget(key);
    boolean told = status.repeated(message);
    if (spec != null && FleetMembers.isFleet(spec)) {
      status.keepFleet();
    }
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
  static EngineSettings engineSettings(
      Bundle bundle, DatabaseMigrationSpec spec, OperatorSettings settings) {
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
