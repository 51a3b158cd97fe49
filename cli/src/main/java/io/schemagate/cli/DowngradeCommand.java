package io.schemagate.cli;

import io.schemagate.engine.DowngradeReport;
import io.schemagate.engine.DowngradeTarget;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.Versions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code downgrade <steps|version>}: run undo scripts, newest first. */
@Command(
    name = "downgrade",
    description = {
      "Revert applied migrations newest first with their U<version>__*.sql undo scripts.",
      "STEPS is a number of migrations (2 or -2); V3, --to 3 or base name a version to go back"
          + " to (it stays applied; base undoes everything). Refuses before changing anything when"
          + " an undo script is missing."
    })
final class DowngradeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "STEPS|VERSION",
      arity = "0..1",
      description = "Steps, V<version> or base.")
  String argument;

  @Option(names = "--to", paramLabel = "VERSION", description = "Go back to this version.")
  String toVersion;

  @Override
  public Integer call() {
    DowngradeTarget target = target();
    try (MigrationEngine engine = root.open()) {
      DowngradeReport report = engine.downgrade(target, ProgressPrinter.of(root));
      if (root.json()) {
        root.printJson(report);
      } else {
        root.println(
            String.format(
                "Downgraded from %s to %s: %d undo script%s in %.1f s.",
                StatusCommand.orNone(report.fromVersion()),
                StatusCommand.orNone(report.toVersion()),
                report.undone().size(),
                report.undone().size() == 1 ? "" : "s",
                report.millis() / 1000.0));
      }
      return ExitCodes.OK;
    }
  }

  private DowngradeTarget target() {
    if ((argument == null) == (toVersion == null)) {
      throw new ParameterException(
          spec.commandLine(), "Give either STEPS|VERSION or --to VERSION (e.g. downgrade 1)");
    }
    if (toVersion != null) {
      return DowngradeTarget.toVersion(version(toVersion));
    }
    String value = argument.strip();
    if (value.equalsIgnoreCase("base")) {
      return DowngradeTarget.toVersion("0");
    }
    if (value.matches("-?\\d+")) {
      int steps = Math.abs(Integer.parseInt(value));
      if (steps == 0) {
        throw new ParameterException(spec.commandLine(), "STEPS must be at least 1");
      }
      return DowngradeTarget.steps(steps);
    }
    if (value.matches("[Vv]\\d+(?:[._]\\d+)*") || value.matches("\\d+(?:[._]\\d+)+")) {
      return DowngradeTarget.toVersion(version(value));
    }
    throw new ParameterException(
        spec.commandLine(),
        "'" + argument + "' is neither a number of steps nor a version (write 2, V3, 1.2 or base)");
  }

  private String version(String value) {
    return Versions.parse(value)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "'" + value + "' is not a version (write e.g. V3 or 1.2)"));
  }
}
