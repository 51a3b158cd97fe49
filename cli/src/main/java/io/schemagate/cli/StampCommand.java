package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.StampReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stamp <version>}: record a version as applied without running anything. */
@Command(
    name = "stamp",
    header = "Record a version as applied without running it",
    description = {
      "Record VERSION as the applied version without running any script.",
      "On an empty history it baselines an existing schema; above the applied version it marks"
          + " the versions between as applied; below it records the versions above as removed."
          + " Going down, or without VERSION on a history that is not empty, shows the change and"
          + " asks (--yes in scripts)."
    })
final class StampCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description =
          "A version of the bundle, or head; without it the baselineVersion setting, 1 unless"
              + " flyway.conf says otherwise.")
  String version;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask before recording versions as removed or moving a live history.")
  boolean yes;

  @Override
  public Integer call() {
    VersionArgument.check(spec, "", version, List.of("head"));
    String wanted =
        version != null ? version : root.bundle().options().text("baselineVersion").orElse("1");
    try (MigrationEngine engine = root.open()) {
      StampReport plan = engine.maintenance().stampPlan(wanted);
      if (plan.unchanged()) {
        root.println(
            "Nothing to stamp: the history already says "
                + StatusCommand.orNone(plan.toVersion())
                + ".");
        return ExitCodes.OK;
      }
      boolean live = plan.fromVersion() != null || !plan.marked().isEmpty();
      if (!yes
          && (plan.goesDown() || (version == null && live))
          && !Confirmation.confirmed(root, question(plan), changes(plan), refusal(plan))) {
        return ExitCodes.REFUSED;
      }
      StampReport report = engine.maintenance().stamp(plan);
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

  private String asked() {
    return version == null
        ? "stamp (baselineVersion "
            + root.bundle().options().text("baselineVersion").orElse("1")
            + ")"
        : "stamp " + version;
  }

  private String question(StampReport plan) {
    return asked()
        + " records version "
        + plan.toVersion()
        + " in place of "
        + StatusCommand.orNone(plan.fromVersion())
        + " without running any script:";
  }

  private static List<String> changes(StampReport plan) {
    List<String> lines = new ArrayList<>();
    plan.removed()
        .forEach(s -> lines.add("recorded as removed (its undo script does not run): " + s));
    plan.marked().forEach(s -> lines.add("recorded as applied (it does not run): " + s));
    return lines;
  }

  private String refusal(StampReport plan) {
    return asked()
        + " would move the history from "
        + StatusCommand.orNone(plan.fromVersion())
        + " to "
        + plan.toVersion()
        + (plan.goesDown()
            ? ", recording " + String.join(", ", plan.removed()) + " as removed,"
            : "")
        + " and was not confirmed";
  }
}
