package io.schemagate.cli;

import io.schemagate.engine.api.Branches;
import io.schemagate.engine.api.Branches.Branch;
import io.schemagate.engine.api.Branches.Tip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code heads}: the head version, and the tip of every branch, as Alembic's heads lists them. */
@Command(
    name = "heads",
    header = "The head and every branch's tip",
    description = {
      "Print the head (the highest version) and the tip of every branch.",
      "In Flyway's linear history a branch is a version two scripts share, or one that arrived"
          + " below the applied version; merge renumbers them after head."
    })
final class HeadsCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    Branches branches = MigrationsFolder.branches(root);
    List<Map<String, Object>> heads = new ArrayList<>();
    branches.head().ifPresent(head -> heads.add(head(head, "head", null)));
    for (Branch branch : branches.branches()) {
      for (Tip tip : branch.tips()) {
        if (!tip.applied()) {
          heads.add(head(tip.version(), "branch", tip.name()));
        }
      }
    }
    if (root.json()) {
      root.printJson(heads);
      return ExitCodes.OK;
    }
    if (heads.isEmpty()) {
      root.println("(none: the folder holds no versioned script)");
    }
    for (Map<String, Object> head : heads) {
      root.println(
          head.get("version")
              + " ("
              + head.get("kind")
              + ")"
              + (head.get("script") == null ? "" : " " + head.get("script")));
    }
    return ExitCodes.OK;
  }

  private static Map<String, Object> head(String version, String kind, String script) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", version);
    json.put("kind", kind);
    json.put("script", script);
    return json;
  }
}
