package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Branches;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.HistoryEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The migrations folder as the commands that work on its files see it ({@code create}, {@code
 * heads}, {@code branches}, {@code merge}): as it is, also when the bundle loader would refuse it.
 */
final class MigrationsFolder {
  private MigrationsFolder() {}

  /**
   * The folder, for a command that writes into it; refused when it is the example bundle that
   * migrate.sh falls back to in the source tree, which a user's new script must not land in.
   */
  static Path writable(SchemagateCommand root, String command) {
    Path folder = root.migrationsDir;
    String example = root.environment.get("SCHEMAGATE_EXAMPLE_BUNDLE");
    if (example != null
        && Path.of(example)
            .toAbsolutePath()
            .normalize()
            .equals(folder.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          command
              + " would write into "
              + example
              + ", the example bundle migrate.sh reads when MIGRATIONS_DIR is not set: set"
              + " MIGRATIONS_DIR (or --migrations-dir) to your project's folder, or create"
              + " ./migrations");
    }
    return folder;
  }

  /** The folder's branches, against the database's history. */
  static Branches branches(SchemagateCommand root) {
    FlywayOptions options = BundleLoader.options(root.migrationsDir, root.flywayOverrides());
    return Branches.read(root.migrationsDir, options.naming(), history(root, options));
  }

  /** The history rows, read with an empty bundle: the folder's own scripts may not load. */
  private static List<HistoryEntry> history(SchemagateCommand root, FlywayOptions options) {
    Bundle empty = new Bundle(root.migrationsDir.toString(), new TreeMap<>(), "", options);
    try (MigrationEngine engine = root.open(root.readUrl(), empty, root.settings(empty))) {
      return engine.inspect().history();
    }
  }
}
