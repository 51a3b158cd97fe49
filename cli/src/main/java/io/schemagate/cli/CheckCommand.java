package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.lint.Finding;
import io.schemagate.lint.PlanReviews;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check}: exit 1 when migrations are pending, for CI and readiness scripts. */
@Command(
    name = "check",
    header = "Exit 0 at head, 1 with pending migrations (for CI)",
    description =
        "Exit 0 when the database is at head, 1 when migrations are pending, 6 on drift, 7 when a"
            + " failed migration needs repair, 11 when the schema has tables but no history.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = "--fail-on",
      defaultValue = "none",
      description =
          "Also lint the pending scripts and exit 15 for a finding at least this severe: error,"
              + " warning, info or none (default none).")
  LintCommand.FailOn failOn;

  @Override
  public Integer call() {
    // One engine and one read of the history for the plan and, when asked, its lint.
    try (MigrationEngine engine = root.openForReading()) {
      MigrationPlan plan = engine.plan("head");
      StatusReport status = plan.status();
      if (root.json()) {
        root.printJson(status);
      } else {
        root.println(
            "Current "
                + StatusCommand.orNone(status.currentVersion())
                + ", head "
                + StatusCommand.orNone(status.latestVersion())
                + ": "
                + StatusCommand.summary(plan));
      }
      int problem = problemCode(plan);
      if (problem != ExitCodes.OK) {
        return problem;
      }
      if (failOn != LintCommand.FailOn.none) {
        List<Finding> findings = PlanReviews.review(engine, plan).findings();
        if (!root.json()) {
          LintCommand.print(root, findings);
        }
        if (failOn.fails(findings)) {
          return ExitCodes.LINT_FINDINGS;
        }
      }
      return status.pending().isEmpty() ? ExitCodes.OK : ExitCodes.PENDING;
    }
  }

  /**
   * 7 for a failed row, 6 for drift, 11 for a schema without history, else 0: the codes that {@code
   * status} shares.
   */
  static int problemCode(MigrationPlan plan) {
    StatusReport status = plan.status();
    if (plan.refusal().filter(r -> r.kind() == FailureKind.REFUSED).isPresent()) {
      return ExitCodes.REFUSED;
    }
    if (!status.failed().isEmpty()) {
      return ExitCodes.REPAIR_NEEDED;
    }
    return status.drift().isEmpty() ? ExitCodes.OK : ExitCodes.CHECKSUM_MISMATCH;
  }
}
