package io.schemagate.cli;

import io.schemagate.engine.api.Branches.Rename;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code merge}: make the history linear again by renumbering the branches' unapplied scripts after
 * head, where Alembic writes a merge revision.
 */
@Command(
    name = "merge",
    header = "Renumber the branches' unapplied scripts after head",
    description = {
      "Renumber the unapplied scripts of every branch after head, with their undo scripts,"
          + " printing every rename. Flyway's history is linear, so no merge script is written.",
      "Where two unapplied scripts share a version, the one without a branch label keeps it;"
          + " name the branches that move (a label or a file name) where that does not decide."
    })
final class MergeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "BRANCH",
      arity = "0..*",
      description =
          "Branch labels or files that move after head (main, the unlabelled scripts, stays).")
  List<String> branches = new ArrayList<>();

  @Option(
      names = {"-m", "--message"},
      description = "Accepted for Alembic's merge -m; no merge script is written.")
  String message;

  @Override
  public Integer call() {
    MigrationsFolder.writable(root, "merge");
    List<Rename> renames = MigrationsFolder.branches(root).merge(branches);
    if (root.json()) {
      root.printJson(renames);
      return ExitCodes.OK;
    }
    if (renames.isEmpty()) {
      root.println("No branches: the history is linear; nothing renamed.");
      return ExitCodes.OK;
    }
    for (Rename rename : renames) {
      root.println("renamed " + rename.from() + " -> " + rename.to());
    }
    root.println(
        "Merged: "
            + renames.size()
            + " file"
            + (renames.size() == 1 ? "" : "s")
            + " renamed after head; the history is linear"
            + (message == null ? "." : " (" + message + ")."));
    return ExitCodes.OK;
  }
}
