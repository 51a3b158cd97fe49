package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.CleanReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code clean}: Flyway's clean, every object of the managed schemas dropped, after a question. */
@Command(
    name = "clean",
    header = "Flyway's clean: drop everything in the schemas (asks)",
    description =
        "Drop every object in the managed schemas, as Flyway's clean does (reset also upgrades"
            + " again). Asks for confirmation; --yes skips the question.")
final class CleanCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    return run(root, yes, "clean", false);
  }

  /** Drops everything after confirmation, then, for {@code reset}, upgrades to head. */
  static int run(SchemagateCommand root, boolean yes, String command, boolean upgrade) {
    String target = root.url().redacted();
    if (!yes
        && !Confirmation.confirmed(
            root,
            "This drops every table, view and row in " + target + ".",
            List.of(),
            command + " of " + target + " not confirmed")) {
      return ExitCodes.REFUSED;
    }
    try (MigrationEngine engine = root.open(root.settings().withAllowClean(true))) {
      CleanReport cleaned = engine.maintenance().clean();
      if (!root.json()) {
        root.println("Cleaned " + String.join(", ", cleaned.schemasCleaned()) + ".");
      }
      if (upgrade) {
        UpgradeCommand.report(root, engine, engine.upgrade(null, ProgressPrinter.of(root)));
      } else if (root.json()) {
        root.printJson(cleaned);
      }
      return ExitCodes.OK;
    }
  }
}
