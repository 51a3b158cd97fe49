package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.RepairReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code repair}: remove failed rows and accept edited scripts' checksums. */
@Command(
    name = "repair",
    header = "Remove failed rows, accept edited scripts' checksums",
    description =
        "Remove failed rows from the history and realign checksums with the bundle. Refuses when"
            + " the bundle lacks an applied script.")
final class RepairCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.open()) {
      RepairReport report = engine.maintenance().repair();
      if (root.json()) {
        root.printJson(report);
      } else if (report.removedFailed().isEmpty() && report.realigned().isEmpty()) {
        root.println("Nothing to repair.");
      } else {
        report.removedFailed().forEach(v -> root.println("  removed failed row of version " + v));
        report.realigned().forEach(v -> root.println("  realigned checksum of version " + v));
        root.println("Repaired.");
      }
      return ExitCodes.OK;
    }
  }
}
