package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.Versions;
import java.util.List;
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
    header = "Run undo scripts: N steps back, or back to a version",
    description = {
      "Revert applied migrations newest first with their U<version>__*.sql undo scripts.",
      "STEPS is a number of migrations (2 or -2); V3, --to 3 or base name a version to go back"
          + " to (it stays applied; base undoes everything). 0005 or 1.5 could be either, and are"
          + " refused with both readings. More than one step shows the plan and asks (--yes"
          + " skips it). Refuses before changing anything when an undo script is missing."
    })
final class DowngradeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "STEPS|VERSION",
      arity = "0..1",
      description = "Steps (2 or -2), V<version> or base.")
  String argument;

  @Option(names = "--to", paramLabel = "VERSION", description = "Go back to this version.")
  String toVersion;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask before reverting more than one migration.")
  boolean yes;

  @Option(
      names = "--sql",
      description =
          "Print the SQL the downgrade would run, history rows included, and change nothing.")
  boolean sql;

  @Override
  public Integer call() {
    DowngradeTarget target = target();
    if (sql) {
      try (MigrationEngine engine = root.openForReading()) {
        root.out.print(root.redactor.redact(engine.sql(engine.plan(target))));
        return ExitCodes.OK;
      }
    }
    return run(root, target, yes, argument == null ? "--to " + toVersion : argument);
  }

  /** Runs a downgrade, asking first when it reverts more than one migration. */
  static int run(SchemagateCommand root, DowngradeTarget target, boolean yes, String asked) {
    try (MigrationEngine engine = root.open()) {
      // The plan that is shown and confirmed is the one that runs: if the history moves before
      // it runs, nothing runs (PLAN_STALE).
      MigrationPlan plan = engine.plan(target);
      if (plan.refusal().isPresent()) {
        Refusal refusal = plan.refusal().get();
        // A broken history reads as why the downgrade cannot run; an unreachable target says so.
        throw refusal.brokenHistory()
            ? refusal.toException("downgrade")
            : new EngineException(refusal.kind(), refusal.message());
      }
      List<String> undo = plan.scripts();
      if (undo.size() > 1
          && !yes
          && !Confirmation.confirmed(
              root,
              "downgrade " + asked + " reverts " + undo.size() + " migrations, newest first:",
              undo,
              "downgrade "
                  + asked
                  + " would revert "
                  + undo.size()
                  + " migrations ("
                  + String.join(", ", undo)
                  + ") and was not confirmed")) {
        return ExitCodes.REFUSED;
      }
      RunReport report = engine.apply(plan, ProgressPrinter.of(root));
      if (root.json()) {
        root.printJson(report);
      } else {
        root.println(
            String.format(
                "Downgraded from %s to %s: %d undo script%s in %.1f s.",
                StatusCommand.orNone(report.fromVersion()),
                StatusCommand.orNone(report.toVersion()),
                report.ran().size(),
                report.ran().size() == 1 ? "" : "s",
                report.millis() / 1000.0));
      }
      return ExitCodes.OK;
    }
  }

  private DowngradeTarget target() {
    if ((argument == null) == (toVersion == null)) {
      throw new ParameterException(
          spec.commandLine(), "give either STEPS|VERSION or --to VERSION (e.g. downgrade 1)");
    }
    if (toVersion != null) {
      return DowngradeTarget.toVersion(version(toVersion));
    }
    String value = argument.strip();
    if (value.equalsIgnoreCase("base")) {
      return DowngradeTarget.toVersion("0");
    }
    if (value.matches("-?[1-9]\\d*")) {
      return DowngradeTarget.steps(Math.abs(Integer.parseInt(value)));
    }
    if (value.matches("-?0+")) {
      throw new ParameterException(spec.commandLine(), "STEPS must be at least 1");
    }
    if (value.matches("[Vv]\\d+(?:[._]\\d+)*")) {
      return DowngradeTarget.toVersion(version(value));
    }
    if (value.matches("\\d+(?:[._]\\d+)*")) {
      throw new ParameterException(spec.commandLine(), ambiguity(value));
    }
    throw new ParameterException(
        spec.commandLine(),
        "'" + argument + "' is neither a number of steps nor a version (write 2, V3, 1.2 or base)");
  }

  /** Both readings of an argument like 0005 or 1.5, each with what it would revert. */
  private String ambiguity(String value) {
    // One engine reads both readings.
    try (MigrationEngine engine = root.openForReading()) {
      return ambiguity(value, engine);
    }
  }

  private String ambiguity(String value, MigrationEngine engine) {
    String version = version(value).replaceAll("(?<!\\d)0+(?=\\d)", "");
    String asVersion =
        "back to version "
            + version
            + " ("
            + reverts(engine, DowngradeTarget.toVersion(version))
            + ")";
    if (!value.matches("\\d+")) {
      return "'"
          + value
          + "' reads as "
          + asVersion
          + ", but a bare number is a count of steps here: write downgrade V"
          + version
          + " (--to "
          + version
          + ") for the version, or downgrade -N for N steps";
    }
    int count = Integer.parseInt(value);
    return "'"
        + value
        + "' could mean "
        + count
        + (count == 1 ? " step back (" : " steps back (")
        + reverts(engine, DowngradeTarget.steps(count))
        + ") or "
        + asVersion
        + ": write downgrade -"
        + count
        + " for steps, or downgrade V"
        + version
        + " (--to "
        + version
        + ") for the version";
  }

  private static String reverts(MigrationEngine engine, DowngradeTarget target) {
    MigrationPlan plan = engine.plan(target);
    if (plan.refusal().isPresent()) {
      return "impossible: " + plan.refusal().get().message();
    }
    return plan.scripts().isEmpty()
        ? "nothing to revert"
        : "runs " + String.join(", ", plan.scripts());
  }

  private String version(String value) {
    return Versions.parse(value)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "'" + value + "' is not a version (write e.g. V3 or 1.2)"));
  }
}
