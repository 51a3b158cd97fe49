package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.StatusReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code current}: the applied version alone, for scripts. */
@Command(
    name = "current",
    header = "The applied version",
    description =
        "Print the applied version ((none) on an empty history); --verbose adds its script and"
            + " when it was applied.")
final class CurrentCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also the database, the script, when and by whom it was applied.")
  boolean verbose;

  @Override
  public Integer call() {
    if (verbose) {
      return verbose();
    }
    StatusReport status = root.status();
    if (root.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("currentVersion", status.currentVersion());
      json.put("latestVersion", status.latestVersion());
      json.put("upToDate", status.upToDate());
      root.printJson(json);
    } else {
      root.println(
          StatusCommand.orNone(status.currentVersion())
              + (status.pending().isEmpty() ? " (head)" : ""));
    }
    return ExitCodes.OK;
  }

  private int verbose() {
    Inspection seen;
    try (MigrationEngine engine = root.openForReading()) {
      seen = engine.inspect();
    }
    StatusReport status = seen.status();
    Optional<HistoryEntry> row =
        seen.history().stream()
            .filter(HistoryEntry::applied)
            .filter(e -> e.version() != null && e.version().equals(status.currentVersion()))
            .reduce((first, second) -> second);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("database", status.database());
    json.put("currentVersion", status.currentVersion());
    json.put("head", status.pending().isEmpty());
    json.put("description", row.map(HistoryEntry::description).orElse(null));
    json.put("script", row.map(HistoryEntry::script).orElse(null));
    json.put("installedOn", row.map(HistoryEntry::installedOn).orElse(null));
    json.put("installedBy", row.map(HistoryEntry::installedBy).orElse(null));
    json.put("pending", status.pending().size());
    if (root.json()) {
      root.printJson(json);
      return ExitCodes.OK;
    }
    root.println("Current version of " + status.database() + ":");
    root.println(
        "Version:      "
            + StatusCommand.orNone(status.currentVersion())
            + (status.pending().isEmpty()
                ? " (head)"
                : " ("
                    + status.pending().size()
                    + " pending, head "
                    + status.latestVersion()
                    + ")"));
    if (row.isPresent()) {
      root.println("Description:  " + row.get().description());
      root.println("Script:       " + row.get().script());
      root.println(
          "Installed:    "
              + row.get().installedOn()
              + (row.get().installedBy() == null || row.get().installedBy().isBlank()
                  ? ""
                  : " by " + row.get().installedBy()));
    }
    return ExitCodes.OK;
  }
}
