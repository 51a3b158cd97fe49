package io.schemagate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reset}: drop everything in the schema and apply all migrations again. */
@Command(
    name = "reset",
    header = "Drop everything in the schema, then upgrade (asks)",
    description =
        "Drop every object in the managed schema, then upgrade to head. Asks for confirmation;"
            + " --yes skips the question. Meant for development databases.")
final class ResetCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    return CleanCommand.run(root, yes, "reset", true);
  }
}
