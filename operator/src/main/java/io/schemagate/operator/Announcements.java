package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.kube.EventRecorder;
import io.schemagate.lint.Finding;
import java.util.List;

/**
 * The Events and counters one reconcile sends about its resource, in their words: scripts applied
 * and undone, resets and repairs, plans waiting, lint findings, contract steps held. When each is
 * sent (once per plan, once per message) is the {@link Reconciliation}'s decision.
 */
final class Announcements {
  private final DatabaseMigration resource;
  private final EventRecorder.Batch events;
  private final OperatorMetrics metrics;
  private final String target;

  Announcements(DatabaseMigration resource, EventRecorder.Batch events, OperatorMetrics metrics) {
    this(resource, events, metrics, null);
  }

  private Announcements(
      DatabaseMigration resource,
      EventRecorder.Batch events,
      OperatorMetrics metrics,
      String target) {
    this.resource = resource;
    this.events = events;
    this.metrics = metrics;
    this.target = target;
  }

  /**
   * The announcements of one target of a fleet: scripts and findings are counted but not each sent
   * as an Event (a fleet of thousands would flood the namespace); the fleet announces its waves,
   * halts and failing targets instead.
   */
  Announcements forTarget(String name) {
    return new Announcements(resource, events, metrics, name);
  }

  /** An Event of the fleet as a whole. */
  void fleet(boolean warning, String reason, String message) {
    if (warning) {
      events.warning(resource, reason, message);
    } else {
      events.normal(resource, reason, message);
    }
  }

  void reset(List<String> schemas, String token) {
    events.warning(
        resource,
        "Reset",
        "Dropped every object in "
            + String.join(", ", schemas)
            + " as schemagate.io/reset="
            + token
            + " asked; applying all migrations again");
  }

  void repaired(String token, int removed, int realigned) {
    events.normal(
        resource,
        "Repaired",
        (target == null ? "" : "Target " + target + ": ")
            + "Repair '"
            + token
            + "': removed "
            + removed
            + " failed rows, realigned "
            + realigned
            + " checksums");
  }

  void approvalPending(ShownPlan plan, String why) {
    events.normal(
        resource,
        Reason.ApprovalPending.name(),
        plan.describe()
            + " waits for approval, as "
            + why
            + ": annotate with schemagate.io/approve="
            + plan.id());
  }

  /** A plan's findings: one Warning Event naming the first three, and each counted by rule. */
  void lintFindings(ShownPlan plan, List<Finding> findings) {
    if (target != null) {
      return;
    }
    metrics.lintFindings(resource, findings);
    events.warning(
        resource,
        "LintFindings",
        plan.describe()
            + " (plan "
            + plan.id()
            + "): "
            + PlanDetails.summary(findings)
            + "; status.plan.findings has why and the safe way");
  }

  void contractStepHeld(String message) {
    events.normal(resource, Reason.ContractStepHeld.name(), message);
  }

  void failed(Reason reason, String message) {
    events.warning(resource, reason.name(), message);
  }

  /** Each script run, as an Event and in the metrics. */
  MigrationListener listener() {
    return new MigrationListener() {
      @Override
      public void applied(AppliedMigration migration) {
        metrics.applied(resource, "up", migration.millis());
        if (target != null) {
          return;
        }
        events.normal(
            resource,
            "MigrationApplied",
            "Applied " + migration.script() + " in " + migration.millis() + " ms");
      }

      @Override
      public void undone(AppliedMigration migration) {
        metrics.applied(resource, "down", migration.millis());
        if (target != null) {
          return;
        }
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
}
