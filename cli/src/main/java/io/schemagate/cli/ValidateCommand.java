package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Drift;
import io.schemagate.engine.api.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code validate}: compare applied scripts with the bundle. */
@Command(
    name = "validate",
    header = "Check that applied scripts are unchanged and present",
    description =
        "Check that every applied script is unchanged and present, and that no failed row or"
            + " skipped version is left. Exit 6 when they disagree.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.openForReading()) {
      ValidationReport report = engine.maintenance().validate();
      if (root.json()) {
        root.printJson(report);
      } else if (report.valid()) {
        root.println("Valid: the history matches the bundle.");
      } else {
        root.println("Invalid: the history and the bundle disagree:");
        for (Drift problem : report.problems()) {
          root.println("  " + problem.script() + " " + problem.problem());
        }
      }
      return report.valid() ? ExitCodes.OK : ExitCodes.CHECKSUM_MISMATCH;
    }
  }
}
