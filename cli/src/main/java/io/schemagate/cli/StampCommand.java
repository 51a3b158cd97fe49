package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.StampReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stamp <version>}: record a version as applied without running anything. */
@Command(
    name = "stamp",
    aliases = "baseline",
    description = {
      "Record VERSION as the applied version without running any script.",
      "On an empty history it baselines an existing schema; above the applied version it marks"
          + " the versions between as applied; below it marks the versions above as removed."
    })
final class StampCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description =
          "A version of the bundle, or head; without it (Flyway's baseline) the baselineVersion"
              + " setting, 1 unless flyway.conf says otherwise.")
  String version;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.open()) {
      StampReport report =
          engine.stamp(
              version != null
                  ? version
                  : root.bundle().options().text("baselineVersion").orElse("1"));
      if (root.json()) {
        root.printJson(report);
      } else {
        root.println(
            "Stamped: the history now says "
                + StatusCommand.orNone(report.toVersion())
                + " (was "
                + StatusCommand.orNone(report.fromVersion())
                + "). No script was run.");
      }
      return ExitCodes.OK;
    }
  }
}
