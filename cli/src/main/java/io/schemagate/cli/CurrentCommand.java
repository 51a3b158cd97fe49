package io.schemagate.cli;

import io.schemagate.engine.StatusReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code current}: the applied version alone, for scripts. */
@Command(name = "current", description = "Print the applied version ((none) on an empty history).")
final class CurrentCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
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
}
