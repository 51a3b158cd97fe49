package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.StampReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baseline}: Flyway's baseline, only on a database without history. */
@Command(
    name = "baseline",
    header = "Flyway's baseline of a schema without history",
    description = {
      "Flyway's baseline: mark an existing schema that has no history as being at VERSION.",
      "Refused when the history already records migrations (use stamp to move it on purpose)."
    })
final class BaselineCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description = "The version to mark; without it the baselineVersion setting, 1 by default.")
  String version;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.open()) {
      StampReport report = engine.maintenance().baseline(version);
      if (root.json()) {
        root.printJson(report);
      } else if (report.unchanged()) {
        root.println(
            "The history already has its baseline at " + report.toVersion() + "; nothing changed.");
      } else {
        root.println(
            "Baselined: the history now says " + report.toVersion() + ". No script was run.");
      }
      return ExitCodes.OK;
    }
  }
}
