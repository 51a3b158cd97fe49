package io.schemagate.operator;

import io.schemagate.api.Approval;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.Failure;
import io.schemagate.api.HistoryItem;
import io.schemagate.api.PendingScript;
import io.schemagate.api.Plan;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import io.schemagate.engine.AppliedMigration;
import io.schemagate.engine.Bundle;
import io.schemagate.engine.DowngradeTarget;
import io.schemagate.engine.EngineException;
import io.schemagate.engine.EngineSettings;
import io.schemagate.engine.HistoryEntry;
import io.schemagate.engine.Inspection;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.MigrationListener;
import io.schemagate.engine.PendingMigration;
import io.schemagate.engine.Script;
import io.schemagate.engine.StatusReport;
import io.schemagate.engine.Versions;
import io.schemagate.kube.EventRecorder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one resource: read the sources and credentials, ask the engine where the
 * database stands, decide (nothing, wait for approval, upgrade, downgrade, refuse), do it, and
 * describe the result as a status. Domain problems end in a status, never in an exception.
 */
final class Reconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);
  private static final int HISTORY_ROWS = 20;

  /**
   * The status to write and when to look again.
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
  private final OperatorMetrics metrics;
  private final VerifiedStates verified;
  private final DatabaseMigrationStatus previous;
  private final DatabaseMigrationStatus next;
  private final long generation;
  private MigrationEngine engine;
  private Redactor secrets = Redactor.none();

  Reconciliation(DatabaseMigration resource, ReconcileContext context) {
    this.resource = resource;
    this.spec = resource.getSpec();
    this.context = context;
    this.settings = context.settings();
    this.events = context.events().batch();
    this.metrics = context.metrics();
    this.verified = context.verified();
    this.previous =
        resource.getStatus() == null ? new DatabaseMigrationStatus() : resource.getStatus();
    this.generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    this.next = carryOver(previous, generation);
  }

  /** A new status that keeps what is still known (versions, history) from the previous one. */
  private static DatabaseMigrationStatus carryOver(DatabaseMigrationStatus from, long generation) {
    DatabaseMigrationStatus status = new DatabaseMigrationStatus();
    status.observedGeneration = generation;
    status.appliedVersion = from.appliedVersion;
    status.targetVersion = from.targetVersion;
    status.pending = from.pending;
    status.pendingCount = from.pendingCount;
    status.history = from.history;
    status.sourceDigest = from.sourceDigest;
    status.lastRepair = from.lastRepair;
    status.lastReset = from.lastReset;
    return status;
  }

  /**
   * Decides and does the work, then waits (boundedly) until its events are sent, so that they are
   * in place before the status that reports the outcome.
   */
  Outcome run() {
    Outcome outcome = decide();
    events.awaitSent(Duration.ofSeconds(10));
    return outcome;
  }

  private Outcome decide() {
    if (spec == null || spec.database == null || spec.source == null) {
      return stalled(Reason.InvalidSpec, "spec.database and spec.source are required", null, 0);
    }
    if (spec.suspend) {
      setConditions(
          false,
          false,
          false,
          Reason.Suspended,
          "spec.suspend is true: schemagate does nothing until it is false");
      return new Outcome(next, settings.recheckInterval());
    }
    try {
      String namespace = resource.getMetadata().getNamespace();
      DatabaseUrl url = context.targets().read(resource, settings.tenants().policy(namespace));
      secrets = url.secrets();
      // The log encoder replaces these values, whatever a driver logs at debug level.
      KnownSecrets.set(key(), secrets);
      Bundle bundle = context.sources().read(resource);
      next.sourceDigest = bundle.digest();
      EngineSettings engineSettings = engineSettings();
      String name = resource.getMetadata().getName();
      if (!context.slots().tryAcquire(namespace, name)) {
        return queued(namespace);
      }
      try {
        return work(url, bundle, engineSettings);
      } finally {
        context.slots().release(namespace, name).forEach(waiter -> context.wake(namespace, waiter));
      }
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (IllegalArgumentException e) {
      return failed(Reason.InvalidSpec, e.getMessage(), null, 0);
    }
  }

  /** Everything that talks to the database, inside one of the namespace's slots. */
  private Outcome work(DatabaseUrl url, Bundle bundle, EngineSettings engineSettings) {
    try {
      engine =
          new MigrationEngine(url, context.pools().acquire(key(), url), bundle, engineSettings);
      context.running().started(resource.getMetadata().getUid(), engine);
      return migrate(engine, url);
    } catch (Problem problem) {
      return failed(problem.reason(), problem.getMessage(), null, 0);
    } catch (EngineException e) {
      Reason reason = reasonOf(e);
      refreshAfterFailure(reason);
      return failed(reason, e.getMessage(), e.script(), e.line());
    } finally {
      if (engine != null) {
        context.running().finished(resource.getMetadata().getUid(), engine);
      }
    }
  }

  /**
   * Every slot of the namespace is taken: nothing is read from the database now. A resource that
   * was settled keeps its status; any other shows that it waits, and for whom.
   */
  private Outcome queued(String namespace) {
    Duration again = settings.retryMax();
    if (settled()) {
      return new Outcome(previous, again, true);
    }
    setConditions(
        false,
        true,
        false,
        Reason.Queued,
        "Waits for one of the "
            + context.slots().perNamespace()
            + " migration slots of namespace "
            + namespace
            + ", held by "
            + String.join(", ", context.slots().holders(namespace))
            + " (--max-running-per-namespace); it starts when one is free");
    return new Outcome(next, again);
  }

  /** After a failed run, show what did get applied, where the database can still be read. */
  private void refreshAfterFailure(Reason reason) {
    if (engine == null
        || next.targetVersion == null
        || reason.isTransient()
        || reason == Reason.AuthenticationFailed) {
      return;
    }
    try {
      observe(engine.inspect(), next.targetVersion);
    } catch (RuntimeException e) {
      LOG.debug("Could not re-read the status after a failure: {}", e.getMessage());
    }
  }

  private Outcome migrate(MigrationEngine engine, DatabaseUrl url) {
    // Read before everything else: a change that lands during the full check then shows next time.
    VerifiedStates.Inputs inputs =
        engine
            .fingerprint()
            .map(
                history ->
                    new VerifiedStates.Inputs(
                        resource.getMetadata().getUid(),
                        generation,
                        workAnnotations(),
                        next.sourceDigest,
                        url,
                        history))
            .orElse(null);
    if (inputs != null && settled() && verified.unchanged(key(), inputs)) {
      return new Outcome(previous, settings.recheckInterval(), true);
    }
    resetIfAsked(engine);
    repairIfAsked(engine);
    Inspection seen = engine.inspect();
    StatusReport status = seen.status();
    String target = resolveTarget(engine, status);
    next.targetVersion = target;
    observe(seen, target);
    if (!status.failed().isEmpty()) {
      HistoryEntry failed = status.failed().get(0);
      return stalled(
          Reason.MigrationFailed,
          failed.script()
              + " failed earlier and left a failed row in the history. Fix the script (and undo"
              + " what it changed), then set the annotation schemagate.io/repair to a new value.",
          failed.script(),
          0);
    }
    if (!status.drift().isEmpty()) {
      var drift = status.drift().get(0);
      return stalled(
          Reason.ChecksumMismatch,
          drift.script()
              + " "
              + drift.problem()
              + ". Restore the script, or set the annotation schemagate.io/repair to a new value"
              + " to accept the edit.",
          drift.script(),
          0);
    }
    String current = status.currentVersion();
    int direction = target == null ? 0 : current == null ? 1 : Versions.compare(target, current);
    List<String> scripts = new ArrayList<>();
    if (direction > 0) {
      next.pending.forEach(p -> scripts.add(p.script));
    } else if (direction < 0) {
      if (!spec.policy.allowDowngrade) {
        return stalled(
            Reason.DowngradeNotAllowed,
            "spec.target "
                + target
                + " is below the applied version "
                + current
                + ", and spec.policy.allowDowngrade is false. Raise the target, or allow the"
                + " downgrade.",
            null,
            0);
      }
      scripts.addAll(engine.downgradePlan(DowngradeTarget.toVersion(target)));
    } else if (next.pendingCount > 0) {
      // Repeatable scripts changed at the same version.
      next.pending.forEach(p -> scripts.add(p.script));
      direction = 1;
    }
    if (scripts.isEmpty()) {
      if (inputs != null) {
        verified.verified(key(), inputs);
      }
      return ready();
    }
    Plan plan = plan(direction > 0 ? "Upgrade" : "Downgrade", current, target, scripts);
    if (spec.policy.approval == Approval.Manual && !plan.id.equals(approval())) {
      next.plan = plan;
      if (previous.plan == null || !plan.id.equals(previous.plan.id)) {
        events.normal(
            resource,
            Reason.ApprovalPending.name(),
            plan.direction
                + " from "
                + orNone(current)
                + " to "
                + orNone(target)
                + " waits for"
                + " approval: annotate with schemagate.io/approve="
                + plan.id);
      }
      setConditions(
          false,
          true,
          false,
          Reason.ApprovalPending,
          plan.direction
              + " from "
              + orNone(current)
              + " to "
              + orNone(target)
              + " ("
              + scripts.size()
              + " scripts) waits for approval: set the annotation"
              + " schemagate.io/approve to "
              + plan.id);
      return new Outcome(next, settings.recheckInterval());
    }
    markMigrating(plan);
    MigrationListener listener = listener();
    if (direction > 0) {
      engine.upgrade(target, listener);
    } else {
      engine.downgrade(DowngradeTarget.toVersion(target), listener);
    }
    observe(engine.inspect(), target);
    return ready();
  }

  /** Runs a reset the annotation asks for, after checking it names this resource and is allowed. */
  private void resetIfAsked(MigrationEngine engine) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    String wanted =
        annotations == null ? null : annotations.get(DatabaseMigration.RESET_ANNOTATION);
    if (wanted == null || wanted.equals(previous.lastReset)) {
      return;
    }
    String name = resource.getMetadata().getName();
    if (!wanted.equals(name) && !wanted.startsWith(name + "@")) {
      throw new Problem(
          Reason.Refused,
          "The annotation schemagate.io/reset='"
              + wanted
              + "' does not name this resource; to drop"
              + " everything in its schemas and apply all migrations again, set it to '"
              + name
              + "' (or '"
              + name
              + "@<any new token>' to reset again later)");
    }
    if (!spec.policy.allowClean) {
      throw new Problem(
          Reason.Refused,
          "The annotation schemagate.io/reset asks to drop everything in the schemas, but"
              + " spec.policy.allowClean is false; set it to true to allow it");
    }
    var cleaned = engine.clean();
    next.lastReset = wanted;
    events.warning(
        resource,
        "Reset",
        "Dropped every object in "
            + String.join(", ", cleaned.schemasCleaned())
            + " as schemagate.io/reset="
            + wanted
            + " asked; applying all migrations again");
  }

  private void repairIfAsked(MigrationEngine engine) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    String wanted =
        annotations == null ? null : annotations.get(DatabaseMigration.REPAIR_ANNOTATION);
    if (wanted == null || wanted.equals(previous.lastRepair)) {
      return;
    }
    var report = engine.repair();
    next.lastRepair = wanted;
    events.normal(
        resource,
        "Repaired",
        "Repair '"
            + wanted
            + "': removed "
            + report.removedFailed().size()
            + " failed rows,"
            + " realigned "
            + report.realigned().size()
            + " checksums");
  }

  private void observe(Inspection seen, String target) {
    StatusReport status = seen.status();
    next.appliedVersion = status.currentVersion();
    List<PendingScript> pending = new ArrayList<>();
    for (PendingMigration p : status.pending()) {
      if (p.version() == null || target == null || Versions.compare(p.version(), target) <= 0) {
        pending.add(new PendingScript(p.version(), p.description(), p.script()));
      }
    }
    next.pending = pending;
    next.pendingCount = pending.size();
    metrics.pending(resource, pending.size());
    List<HistoryEntry> rows = new ArrayList<>(seen.history());
    rows.sort(Comparator.comparing(HistoryEntry::installedRank).reversed());
    List<HistoryItem> history = new ArrayList<>();
    for (HistoryEntry row : rows.subList(0, Math.min(HISTORY_ROWS, rows.size()))) {
      HistoryItem item = new HistoryItem();
      item.version = row.version();
      item.description = row.description();
      item.script = row.script();
      item.type = row.type();
      item.state = row.state();
      item.installedOn = row.installedOn() == null ? null : row.installedOn().toString();
      item.executionMillis = row.executionMillis();
      history.add(item);
    }
    next.history = history;
  }

  private String resolveTarget(MigrationEngine engine, StatusReport status) {
    if (spec.target == null || spec.target.isBlank() || isLatest(spec.target)) {
      return status.latestVersion();
    }
    String version =
        Versions.parse(spec.target)
            .orElseThrow(
                () ->
                    new Problem(
                        Reason.InvalidSpec,
                        "spec.target '"
                            + spec.target
                            + "' is neither 'latest' nor a version like 7 or 1.2"));
    if (engine.scripts().versioned(version).isEmpty() && !version.equals("0")) {
      throw new Problem(
          Reason.TargetNotFound,
          "spec.target "
              + version
              + " is not a version of the bundle; its versions are "
              + String.join(
                  ", ", engine.scripts().versioned().stream().map(Script::version).toList()));
    }
    return version;
  }

  private void markMigrating(Plan plan) {
    next.plan = null;
    setConditions(
        false,
        true,
        false,
        Reason.Migrating,
        plan.direction
            + " from "
            + orNone(plan.fromVersion)
            + " to "
            + orNone(plan.toVersion)
            + ": running "
            + plan.scripts.size()
            + " scripts");
    context.statusWriter().write(resource, next);
  }

  private MigrationListener listener() {
    return new MigrationListener() {
      @Override
      public void applied(AppliedMigration migration) {
        metrics.applied(resource, "up", migration.millis());
        events.normal(
            resource,
            "MigrationApplied",
            "Applied " + migration.script() + " in " + migration.millis() + " ms");
      }

      @Override
      public void undone(AppliedMigration migration) {
        metrics.applied(resource, "down", migration.millis());
        events.normal(
            resource,
            "MigrationUndone",
            "Ran "
                + migration.script()
                + " in "
                + migration.millis()
                + " ms; version "
                + migration.version()
                + " is undone");
      }
    };
  }

  /** Sets Ready, Reconciling and Stalled for this outcome. */
  private void setConditions(
      boolean ready, boolean reconciling, boolean stalled, Reason reason, String message) {
    next.conditions =
        Conditions.of(
            previous.conditions,
            ready,
            reconciling,
            stalled,
            reason,
            message,
            generation,
            Instant.now());
  }

  private Outcome ready() {
    next.plan = null;
    next.failure = null;
    String message =
        "The database is at version "
            + orNone(next.appliedVersion)
            + (next.targetVersion == null ? "" : ", the target");
    setConditions(true, false, false, Reason.Applied, message);
    return new Outcome(next, settings.recheckInterval());
  }

  private Outcome failed(Reason reason, String raw, String script, int line) {
    // The engine's messages are redacted already; this also covers every other path.
    String message = secrets.redact(raw);
    verified.forget(key());
    return reason.isTransient()
        ? retrying(reason, message, script, line)
        : stalled(reason, message, script, line);
  }

  private Outcome retrying(Reason reason, String message, String script, int line) {
    Failure failure = failure(reason, message, script, line);
    setConditions(false, true, false, reason, message);
    long factor = 1L << Math.min(20, failure.attempts - 1);
    Duration wait = settings.retryMin().multipliedBy(factor);
    if (wait.compareTo(settings.retryMax()) > 0) {
      wait = settings.retryMax();
    }
    return new Outcome(next, wait);
  }

  private Outcome stalled(Reason reason, String message, String script, int line) {
    failure(reason, message, script, line);
    setConditions(false, false, true, reason, message);
    return new Outcome(next, settings.recheckInterval());
  }

  private Failure failure(Reason reason, String message, String script, int line) {
    Failure failure = new Failure();
    failure.script = script;
    failure.line = line > 0 ? line : null;
    failure.message = message;
    boolean same = previous.failure != null && message.equals(previous.failure.message);
    failure.attempts =
        same && previous.failure.attempts != null ? previous.failure.attempts + 1 : 1;
    next.failure = failure;
    next.plan = null;
    metrics.failed(resource, reason);
    if (!same) {
      events.warning(resource, reason.name(), message);
      LOG.warn("{}: {}", reason, message);
    }
    return failure;
  }

  static Reason reasonOf(EngineException e) {
    return switch (e.kind()) {
      case UNREACHABLE -> Reason.DatabaseUnreachable;
      case AUTHENTICATION_FAILED -> Reason.AuthenticationFailed;
      case LOCKED -> Reason.Migrating;
      case MIGRATION_FAILED, FAILED_MIGRATION_PRESENT -> Reason.MigrationFailed;
      case INTERNAL -> Reason.UnexpectedError;
      case CHECKSUM_MISMATCH -> Reason.ChecksumMismatch;
      case TARGET_NOT_FOUND -> Reason.TargetNotFound;
      case INVALID_BUNDLE -> Reason.SourceInvalid;
      case INVALID_INPUT -> Reason.InvalidSpec;
      case REFUSED -> Reason.Refused;
      case LOCK_WAIT_TIMEOUT -> Reason.LockWaitTimeout;
      case STATEMENT_TIMEOUT -> Reason.StatementTimeout;
      case DEADLINE_EXCEEDED -> Reason.DeadlineExceeded;
      case CANCELLED -> Reason.Cancelled;
    };
  }

  private EngineSettings engineSettings() {
    return new EngineSettings.Builder()
        .schemas(spec.database.schemas)
        .table(spec.database.table == null ? EngineSettings.DEFAULT_TABLE : spec.database.table)
        .lockTimeout(settings.lockTimeout())
        .outOfOrder(spec.flyway.outOfOrder)
        .baseline(spec.flyway.baselineOnMigrate, spec.flyway.baselineVersion)
        .placeholders(spec.flyway.placeholders)
        .mixed(spec.flyway.mixed)
        .group(spec.flyway.group)
        .allowClean(spec.policy.allowClean)
        .limits(TimeLimits.of(spec.timeouts, settings.tenants()))
        .build();
  }

  private Plan plan(String direction, String from, String to, List<String> scripts) {
    Plan plan = new Plan();
    plan.direction = direction;
    plan.fromVersion = from;
    plan.toVersion = to;
    plan.scripts = scripts;
    String text =
        String.join(
            "|", next.sourceDigest, direction, orNone(from), orNone(to), String.join(",", scripts));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      plan.id = HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return plan;
  }

  /** The last status said Ready for this generation, with no failure. */
  private boolean settled() {
    return previous.failure == null
        && previous.observedGeneration != null
        && previous.observedGeneration == generation
        && previous.conditions != null
        && previous.conditions.stream()
            .anyMatch(c -> Conditions.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The annotations that ask for work; a new value must get a full check. */
  private String workAnnotations() {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null) {
      return "";
    }
    return String.join(
        "|",
        String.valueOf(annotations.get(DatabaseMigration.APPROVE_ANNOTATION)),
        String.valueOf(annotations.get(DatabaseMigration.REPAIR_ANNOTATION)),
        String.valueOf(annotations.get(DatabaseMigration.RESET_ANNOTATION)));
  }

  private String approval() {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(DatabaseMigration.APPROVE_ANNOTATION);
  }

  private String key() {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  private static boolean isLatest(String target) {
    return target.equalsIgnoreCase("latest") || target.equalsIgnoreCase("head");
  }

  private static String orNone(String version) {
    return version == null ? "(none)" : version;
  }
}
