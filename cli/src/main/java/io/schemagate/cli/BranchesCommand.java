package io.schemagate.cli;

import io.schemagate.engine.api.Branches.Branch;
import io.schemagate.engine.api.Branches.Tip;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code branches}: every place the history forks, and why. */
@Command(
    name = "branches",
    header = "Every branch with its scripts",
    description =
        "List every branch: versions two scripts share, and versions that arrived below the"
            + " applied one; merge renumbers them after head.")
final class BranchesCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    List<Branch> branches = MigrationsFolder.branches(root).branches();
    if (root.json()) {
      root.printJson(branches);
      return ExitCodes.OK;
    }
    if (branches.isEmpty()) {
      root.println("No branches: the history is linear.");
    }
    for (Branch branch : branches) {
      root.println(branch.version() + ": " + branch.reason());
      for (Tip tip : branch.tips()) {
        root.println(
            "  "
                + tip.name()
                + (tip.applied() ? " (applied)" : "")
                + (tip.label() == null ? "" : " [branch " + tip.label() + "]"));
      }
    }
    return ExitCodes.OK;
  }
}
