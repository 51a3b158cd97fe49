package io.schemagate.cli;

import io.schemagate.engine.api.DowngradeTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code undo}: Flyway's name for reverting the last applied migration ({@code downgrade 1}). */
@Command(
    name = "undo",
    header = "Undo the last applied migration (downgrade 1)",
    description = "Revert the last applied migration with its undo script (downgrade 1).")
final class UndoCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    return DowngradeCommand.run(root, DowngradeTarget.steps(1), true, "1");
  }
}
