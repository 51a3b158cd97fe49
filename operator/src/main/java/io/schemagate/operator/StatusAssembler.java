package io.schemagate.operator;

import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.Failure;
import io.schemagate.api.HistoryItem;
import io.schemagate.api.PendingScript;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the one status a reconcile records, from the status it started from and what it saw and
 * did. The conditions always come from the outcome's {@link Reason}, so a reason and its Ready /
 * Reconciling / Stalled triple can never disagree. Which reconcile step fills which field is listed
 * in docs/ARCHITECTURE.md.
 */
final class StatusAssembler {
  private static final int HISTORY_ROWS = 20;

  private final DatabaseMigrationStatus previous;
  private final DatabaseMigrationStatus next;
  private final long generation;
  private Redactor secrets = Redactor.none();

  /** Starts from {@code previous}, keeping what is still known (versions, history, tokens). */
  /** Masks {@code values} (the target's password and other secrets) in every plan it writes. */
  void masking(Redactor values) {
    this.secrets = values;
  }

  StatusAssembler(DatabaseMigrationStatus previous, long generation) {
    this.previous = previous == null ? new DatabaseMigrationStatus() : previous;
    this.generation = generation;
    this.next = new DatabaseMigrationStatus();
    next.observedGeneration = generation;
    next.appliedVersion = this.previous.appliedVersion;
    next.targetVersion = this.previous.targetVersion;
    next.pending = this.previous.pending;
    next.pendingCount = this.previous.pendingCount;
    next.history = this.previous.history;
    next.sourceDigest = this.previous.sourceDigest;
    next.lastRepair = this.previous.lastRepair;
    next.lastReset = this.previous.lastReset;
    next.lastApproval = this.previous.lastApproval;
  }

  /** The status as built so far. */
  DatabaseMigrationStatus status() {
    return next;
  }

  DatabaseMigrationStatus previous() {
    return previous;
  }

  void sourceDigest(String digest) {
    next.sourceDigest = digest;
  }

  void resetDone(String token) {
    next.lastReset = token;
  }

  void repairDone(String token) {
    next.lastRepair = token;
  }

  /** The approval that ran a plan: it does not approve again. */
  void approvalUsed(String value) {
    next.lastApproval = value;
  }

  /** Versions, the pending scripts up to {@code target}, and the newest history rows. */
  int observed(Inspection seen, String target) {
    next.targetVersion = target;
    next.appliedVersion = seen.status().currentVersion();
    List<PendingScript> pending = new ArrayList<>();
    for (PendingMigration p : seen.status().pending()) {
      if (p.version() == null || target == null || Versions.compare(p.version(), target) <= 0) {
        pending.add(new PendingScript(p.version(), p.description(), p.script()));
      }
    }
    next.pending = pending;
    next.pendingCount = pending.size();
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
    return pending.size();
  }

  /** At the target: Applied, with no plan and no failure. */
  DatabaseMigrationStatus ready() {
    next.plan = null;
    next.failure = null;
    if (next.appliedVersion != null
        && next.targetVersion != null
        && Versions.compare(next.appliedVersion, next.targetVersion) > 0) {
      // Ready, so that a GitOps rollback of the application is not held; said as what it is.
      conditions(
          Reason.AheadOfBundle,
          "The database is at version "
              + next.appliedVersion
              + ", ahead of the bundle's head "
              + next.targetVersion
              + " (an application rollback, or a bundle older than the database); its versions are"
              + " left as they are. To go back on purpose, set spec.target to "
              + next.targetVersion
              + " and allow the downgrade");
      return next;
    }
    conditions(
        Reason.Applied,
        "The database is at version "
            + Decision.orNone(next.appliedVersion)
            + (next.targetVersion == null ? "" : ", the target"));
    return next;
  }

  /** A plan shown for approval, because of {@code why}. */
  DatabaseMigrationStatus awaitingApproval(ShownPlan plan, String why) {
    next.plan = PlanDetails.status(plan, secrets);
    conditions(
        Reason.ApprovalPending,
        plan.describe()
            + " ("
            + plan.scripts().size()
            + " scripts) waits for approval, as "
            + why
            + ": set the annotation schemagate.io/approve to "
            + plan.id());
    return next;
  }

  /** A contract step of the plan waits for older pods; the message names them. */
  DatabaseMigrationStatus contractHeld(ShownPlan plan, String message) {
    next.plan = PlanDetails.status(plan, secrets);
    next.failure = null;
    conditions(Reason.ContractStepHeld, message);
    return next;
  }

  /** The plan a failure or refusal concerns, shown with it. */
  void showing(ShownPlan plan) {
    next.plan = PlanDetails.status(plan, secrets);
  }

  /** The SQL shown with the same plan last time, so it is rendered once per plan. */
  java.util.Optional<String> shownSql(ShownPlan plan) {
    return newPlan(plan)
        ? java.util.Optional.empty()
        : java.util.Optional.ofNullable(previous.plan.sql);
  }

  /** True when this plan was not the one shown last time. */
  boolean newPlan(ShownPlan plan) {
    return previous.plan == null || !plan.id().equals(previous.plan.id);
  }

  /** Scripts up to {@code to} are about to run; the plan stays shown while they do. */
  DatabaseMigrationStatus migrating(ShownPlan plan, String to) {
    next.plan = PlanDetails.status(plan, secrets);
    conditions(
        Reason.Migrating,
        java.util.Objects.equals(to, plan.toVersion())
            ? plan.describe() + ": running " + plan.scripts().size() + " scripts"
            : plan.describe()
                + ": running the scripts up to "
                + to
                + "; the contract step after it waits for older pods");
    return next;
  }

  /**
   * A fleet's status: the bounded fleet summary, the version the gate compares against, and the
   * fleet's reason; no per-target history or pending list (they are the targets' own).
   */
  DatabaseMigrationStatus fleet(FleetStatusAssembler.Summary summary) {
    next.fleet = summary.fleet();
    next.appliedVersion = summary.appliedVersion();
    next.targetVersion = summary.targetVersion();
    next.pendingCount = summary.notReady();
    next.pending = new ArrayList<>();
    next.history = new ArrayList<>();
    next.plan = summary.plan() == null ? null : PlanDetails.status(summary.plan(), secrets);
    next.failure = null;
    conditions(summary.reason(), summary.message());
    return next;
  }

  /**
   * Keeps the fleet's last summary while the fleet as a whole cannot be read (its Secrets not
   * listed, its query failing): the targets stay where they were, and the reason says why.
   */
  void keepFleet() {
    next.fleet = previous.fleet;
  }

  DatabaseMigrationStatus suspended() {
    conditions(Reason.Suspended, "spec.suspend is true: schemagate does nothing until it is false");
    return next;
  }

  DatabaseMigrationStatus queued(String message) {
    conditions(Reason.Queued, message);
    return next;
  }

  /**
   * A failure, counting attempts while the message stays the same.
   *
   * @return the failure recorded
   */
  Failure failed(Reason reason, String message, String script, int line) {
    Failure failure = new Failure();
    failure.script = script;
    failure.line = line > 0 ? line : null;
    failure.message = message;
    failure.attempts =
        repeated(message) && previous.failure.attempts != null ? previous.failure.attempts + 1 : 1;
    next.failure = failure;
    conditions(reason, message);
    return failure;
  }

  /** True when the last status already reported this failure message. */
  boolean repeated(String message) {
    return previous.failure != null && message.equals(previous.failure.message);
  }

  /** The last status said Ready for this generation, with no failure. */
  boolean settled() {
    return previous.failure == null
        && previous.observedGeneration != null
        && previous.observedGeneration == generation
        && previous.conditions != null
        && previous.conditions.stream()
            .anyMatch(c -> Conditions.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void conditions(Reason reason, String message) {
    next.conditions =
        Conditions.of(previous.conditions, reason, message, generation, Instant.now());
  }
}
