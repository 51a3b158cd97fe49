package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code show <version>}: one migration's state and its SQL. */
@Command(
    name = "show",
    header = "One version's state, script and undo script",
    description = "Show one version: its state, its script and its undo script.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "VERSION",
      description = "The version to show, e.g. 3; head (the highest) or base (before the first).")
  String version;

  @Override
  public Integer call() {
    VersionArgument.check(spec, "", version, List.of("head", "base"));
    if (version.equalsIgnoreCase("base")) {
      return base();
    }
    if (version.equalsIgnoreCase("head") || version.equalsIgnoreCase("latest")) {
      version =
          root.bundle()
              .forDatabase(root.url().kind())
              .latestVersion()
              .orElseThrow(
                  () ->
                      new EngineException(
                          FailureKind.TARGET_NOT_FOUND, "The bundle has no versioned script"));
    }
    // A version by now: VersionArgument checked it, and head became the bundle's latest.
    String wanted = Versions.parse(version).orElseThrow();
    try (MigrationEngine engine = root.openForReading()) {
      Optional<Script> script = engine.scripts().versioned(wanted);
      Optional<Script> undo = engine.scripts().undoFor(wanted);
      Optional<HistoryEntry> row =
          engine.info().stream()
              .filter(e -> e.version() != null && Versions.compare(e.version(), wanted) == 0)
              .reduce((first, second) -> second);
      if (script.isEmpty() && row.isEmpty()) {
        throw new EngineException(
            FailureKind.TARGET_NOT_FOUND,
            "Version " + wanted + " is neither in the bundle nor in the history");
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("version", wanted);
      json.put(
          "description",
          script.map(Script::description).orElse(row.map(HistoryEntry::description).orElse(null)));
      json.put("state", row.map(HistoryEntry::state).orElse("Pending"));
      json.put(
          "script", script.map(Script::name).orElse(row.map(HistoryEntry::script).orElse(null)));
      json.put("installedOn", row.map(HistoryEntry::installedOn).orElse(null));
      json.put("undoScript", undo.map(Script::name).orElse(null));
      json.put("sql", script.map(Script::text).orElse(null));
      json.put("undoSql", undo.map(Script::text).orElse(null));
      if (root.json()) {
        root.printJson(json);
        return ExitCodes.OK;
      }
      root.println("Version:      " + wanted);
      root.println("Description:  " + json.get("description"));
      root.println("State:        " + json.get("state"));
      root.println("Script:       " + json.get("script"));
      if (json.get("installedOn") != null) {
        root.println("Installed on: " + json.get("installedOn"));
      }
      root.println(
          "Undo script:  "
              + undo.map(Script::name).orElse("(none: this version cannot be downgraded)"));
      script.ifPresent(
          s -> {
            root.println("");
            root.println("-- " + s.path());
            root.println(s.text().stripTrailing());
          });
      undo.ifPresent(
          s -> {
            root.println("");
            root.println("-- " + s.path());
            root.println(s.text().stripTrailing());
          });
      return ExitCodes.OK;
    }
  }

  /** Alembic's base: the empty schema before the first migration. */
  private int base() {
    String first =
        root.bundle().forDatabase(root.url().kind()).versioned().stream()
            .findFirst()
            .map(s -> s.version())
            .orElse(null);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", "base");
    json.put("description", "the schema before the first migration");
    json.put("next", first);
    if (root.json()) {
      root.printJson(json);
    } else {
      root.println("Version:      base (the schema before the first migration)");
      root.println("Next:         " + (first == null ? "(none)" : first));
      root.println("downgrade base reverts every applied migration.");
    }
    return ExitCodes.OK;
  }
}
