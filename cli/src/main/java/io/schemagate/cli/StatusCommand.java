package io.schemagate.cli;

import io.schemagate.engine.api.Drift;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: applied version, pending scripts, failed rows and drift; exits as {@code check}
 * does for failed rows (7) and drift (6), and 0 with pending scripts.
 */
@Command(
    aliases = "info",
    name = "status",
    header = "Where the database stands: applied, pending, failed, drift",
    description =
        "Show the applied version, pending migrations, failed rows and drift. Exit 0, or as"
            + " `check` does: 7 when a failed migration needs repair, 6 on drift.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    MigrationPlan plan = root.plan();
    if (root.json()) {
      root.printJson(plan.status());
    } else {
      print(root, plan);
    }
    return CheckCommand.problemCode(plan);
  }

  static void print(SchemagateCommand root, MigrationPlan plan) {
    StatusReport status = plan.status();
    root.println("Database:  " + status.database());
    root.println("Schema:    " + status.schema() + " (history table " + status.table() + ")");
    root.println(
        "Bundle:    "
            + root.migrationsDir
            + " (head "
            + orNone(status.latestVersion())
            + ", "
            + status.bundleDigest()
            + ")");
    root.println(
        "Current:   "
            + (status.currentVersion() == null
                ? "none (nothing applied yet)"
                : status.currentVersion() + " (" + status.appliedCount() + " applied)"));
    root.println("Pending:   " + (status.pending().isEmpty() ? "none" : status.pending().size()));
    if (!status.pending().isEmpty()) {
      TextTable table = new TextTable("VERSION", "DESCRIPTION", "SCRIPT");
      for (PendingMigration pending : status.pending()) {
        table.row(orDash(pending.version()), pending.description(), pending.script());
      }
      printIndented(root, table);
    }
    if (!status.failed().isEmpty()) {
      root.println("Failed:");
      for (HistoryEntry failed : status.failed()) {
        root.println("  " + failed.script() + " (run `repair` once the script is fixed)");
      }
    }
    if (!status.drift().isEmpty()) {
      root.println("Drift:");
      for (Drift drift : status.drift()) {
        root.println("  " + drift.script() + " " + drift.problem());
      }
    }
    root.println("Status:    " + summary(plan));
  }

  /** The engine's refusal, in the words every adapter shows, else what is pending. */
  static String summary(MigrationPlan plan) {
    StatusReport status = plan.status();
    if (plan.refusal().isPresent()) {
      return plan.refusal().get().message();
    }
    if (plan.ahead()) {
      return "ahead of the bundle: the database is at "
          + plan.fromVersion()
          + ", the bundle's head is "
          + plan.toVersion()
          + " (an older release against a newer schema); upgrade leaves it there, downgrade "
          + plan.toVersion()
          + " goes back";
    }
    if (!status.pending().isEmpty()) {
      return status.pending().size() + " pending; run `upgrade`";
    }
    return "up to date";
  }

  private static void printIndented(SchemagateCommand root, TextTable table) {
    table.lines().forEach(line -> root.println("  " + line));
  }

  static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
