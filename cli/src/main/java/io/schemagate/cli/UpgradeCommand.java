package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.UpgradeReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code upgrade [version]}: apply pending migrations. */
@Command(name = "upgrade", description = "Apply pending migrations, to head or up to VERSION.")
final class UpgradeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description = "Stop at this version (default: head, the bundle's highest version).")
  String target;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.open()) {
      report(root, engine.upgrade(target, ProgressPrinter.of(root)));
      return ExitCodes.OK;
    }
  }

  static void report(SchemagateCommand root, UpgradeReport report) {
    if (root.json()) {
      root.printJson(report);
    } else if (report.applied().isEmpty()) {
      root.println(
          "Already at version " + StatusCommand.orNone(report.toVersion()) + "; nothing to apply.");
    } else {
      root.println(
          String.format(
              "Upgraded from %s to %s: %d migration%s in %.1f s.",
              StatusCommand.orNone(report.fromVersion()),
              StatusCommand.orNone(report.toVersion()),
              report.applied().size(),
              report.applied().size() == 1 ? "" : "s",
              report.millis() / 1000.0));
    }
  }
}
