package io.schemagate.cli;

import io.schemagate.engine.CleanReport;
import io.schemagate.engine.MigrationEngine;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reset}: drop everything in the schema and apply all migrations again. */
@Command(
    name = "reset",
    description =
        "Drop every object in the managed schema, then upgrade to head. Asks for confirmation;"
            + " --yes skips the question. Meant for development databases.")
final class ResetCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    String target = root.url().redacted();
    if (!yes
        && !Confirmation.confirmed(
            root,
            "This drops every table, view and row in " + target + ".",
            List.of(),
            "reset of " + target + " not confirmed")) {
      return ExitCodes.REFUSED;
    }
    try (MigrationEngine engine = root.open(root.settings().withAllowClean(true))) {
      CleanReport cleaned = engine.clean();
      if (!root.json()) {
        root.println("Cleaned " + String.join(", ", cleaned.schemasCleaned()) + ".");
      }
      UpgradeCommand.report(root, engine.upgrade(null, ProgressPrinter.of(root)));
      return ExitCodes.OK;
    }
  }
}
