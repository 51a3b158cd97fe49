package io.schemagate.cli;

import io.schemagate.engine.Branches.Rename;
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
    description = {
      "Renumber the unapplied scripts of every branch after head, with their undo scripts,"
          + " printing every rename. Flyway's history is linear, so no merge script is written.",
      "Where two unapplied scripts share a version, name the one that keeps it: main (the scripts"
          + " without a branch label), a branch label or a file name."
    })
final class MergeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "BRANCH",
      arity = "0..*",
      description = "Labels or files that keep their version (main: the unlabelled scripts).")
  List<String> keep = new ArrayList<>();

  @Option(
      names = {"-m", "--message"},
      description = "Accepted for Alembic's merge -m; no merge script is written.")
  String message;

  @Override
  public Integer call() {
    List<Rename> renames = root.branches().merge(keep);
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
