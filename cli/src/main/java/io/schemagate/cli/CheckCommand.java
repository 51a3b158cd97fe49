package io.schemagate.cli;

import io.schemagate.engine.MigrationPlan;
import io.schemagate.engine.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code check}: exit 1 when migrations are pending, for CI and readiness scripts. */
@Command(
    name = "check",
    description =
        "Exit 0 when the database is at head, 1 when migrations are pending, 6 on drift, 7 when a"
            + " failed migration needs repair.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    MigrationPlan plan = root.plan();
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
    if (!status.failed().isEmpty()) {
      return ExitCodes.REPAIR_NEEDED;
    }
    if (!status.drift().isEmpty()) {
      return ExitCodes.CHECKSUM_MISMATCH;
    }
    return status.pending().isEmpty() ? ExitCodes.OK : ExitCodes.PENDING;
  }
}
