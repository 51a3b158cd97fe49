package io.schemagate.cli;

import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.Naming;
import io.schemagate.engine.api.ScriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code create "<description>"}: a new migration and its undo script. No database needed. */
@Command(
    name = "create",
    aliases = "revision",
    description = {
      "Write V<next>__<description>.sql and its undo U<next>__<description>.sql.",
      "revision -m \"message\" is the same, in Alembic's words."
    })
final class CreateCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "DESCRIPTION",
      arity = "0..1",
      description = "What the migration does, e.g. \"add avatars\" (or give it with -m).")
  String description;

  @Option(
      names = {"-m", "--message"},
      description = "The description, as Alembic's revision -m takes it.")
  String message;

  @Option(
      names = "--branch-label",
      paramLabel = "LABEL",
      description =
          "Note the branch in the script's header. Flyway's history is linear: scripts of"
              + " parallel branches that collide or arrive out of order are shown by heads and"
              + " branches, and merge renumbers them after head.")
  String branchLabel;

  @Spec CommandSpec spec;

  @Option(
      names = "--timestamp",
      description =
          "Use the date and time (yyyyMMddHHmmss) as the version, so scripts written on parallel"
              + " branches never collide.")
  boolean timestamp;

  @Override
  public Integer call() {
    String what = description();
    Path directory = MigrationsFolder.writable(root, "create");
    FlywayOptions options = BundleLoader.options(directory, root.flywayOverrides());
    Bundle existing =
        hasScripts(directory, options.naming())
            ? root.bundle()
            : new Bundle(directory.toString(), new TreeMap<>(), "", options);
    ScriptWriter.Created created =
        new ScriptWriter(Clock.systemDefaultZone())
            .create(directory, existing, what, timestamp, branchLabel);
    if (root.json()) {
      root.printJson(created);
    } else {
      root.println("Created version " + created.version() + ":");
      root.println("  " + created.migration());
      root.println("  " + created.undo());
      if (branchLabel != null) {
        root.println(
            "Branch label "
                + branchLabel
                + " noted in the script's header. Flyway's history is linear: when branches"
                + " collide or arrive out of order, heads and branches show them and merge"
                + " renumbers them after head.");
      }
    }
    return ExitCodes.OK;
  }

  /** The description from the argument or -m; both, or neither, is a usage error. */
  private String description() {
    if (description != null && message != null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the description once, as an argument or with -m/--message (the migrations folder"
              + " is --migrations-dir now, not -m)");
    }
    if (description == null && message == null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the description: create \"add avatars\" or revision -m \"...\"");
    }
    return description != null ? description : message;
  }

  private static boolean hasScripts(Path directory, Naming naming) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var files = Files.walk(directory, 2)) {
      return files.anyMatch(
          p -> Files.isRegularFile(p) && naming.isScriptFile(p.getFileName().toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + directory, e);
    }
  }
}
