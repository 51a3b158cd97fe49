package io.schemagate.cli;

import io.schemagate.engine.Bundle;
import io.schemagate.engine.BundleLoader;
import io.schemagate.engine.FlywayOptions;
import io.schemagate.engine.Naming;
import io.schemagate.engine.ScriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code create "<description>"}: a new migration and its undo script. No database needed. */
@Command(
    name = "create",
    description = "Write V<next>__<description>.sql and its undo U<next>__<description>.sql.")
final class CreateCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "DESCRIPTION",
      description = "What the migration does, e.g. \"add avatars\".")
  String description;

  @Option(
      names = "--timestamp",
      description =
          "Use the date and time (yyyyMMddHHmmss) as the version, so scripts written on parallel"
              + " branches never collide.")
  boolean timestamp;

  @Override
  public Integer call() {
    Path directory = root.migrationsDir;
    FlywayOptions options = BundleLoader.options(directory, root.flywayOverrides());
    Bundle existing =
        hasScripts(directory, options.naming())
            ? root.bundle()
            : new Bundle(directory.toString(), new TreeMap<>(), "", options);
    ScriptWriter.Created created =
        new ScriptWriter(Clock.systemDefaultZone())
            .create(directory, existing, description, timestamp);
    if (root.json()) {
      root.printJson(created);
    } else {
      root.println("Created version " + created.version() + ":");
      root.println("  " + created.migration());
      root.println("  " + created.undo());
    }
    return ExitCodes.OK;
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
