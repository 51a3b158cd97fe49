package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.HistoryEntry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code history}: every row of the schema history, including undone versions. */
@Command(
    name = "history",
    header = "Every history row, oldest first",
    description = "List the schema history, oldest first.")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also show script, checksum, installer and run time.")
  boolean verbose;

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.openForReading()) {
      List<HistoryEntry> history = engine.inspect().history();
      if (root.json()) {
        root.printJson(history);
        return ExitCodes.OK;
      }
      if (history.isEmpty()) {
        root.println("No migrations applied yet.");
        return ExitCodes.OK;
      }
      TextTable table =
          verbose
              ? new TextTable(
                  "RANK",
                  "VERSION",
                  "DESCRIPTION",
                  "TYPE",
                  "STATE",
                  "INSTALLED ON",
                  "BY",
                  "TIME (ms)",
                  "CHECKSUM",
                  "SCRIPT")
              : new TextTable("VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON");
      for (HistoryEntry row : history) {
        if (verbose) {
          table.row(
              row.installedRank(),
              StatusCommand.orDash(row.version()),
              row.description(),
              row.type(),
              row.state(),
              row.installedOn(),
              row.installedBy(),
              row.executionMillis(),
              row.checksum(),
              row.script());
        } else {
          table.row(
              StatusCommand.orDash(row.version()),
              row.description(),
              row.type(),
              row.state(),
              row.installedOn());
        }
      }
      table.print(root.out);
      return ExitCodes.OK;
    }
  }
}
