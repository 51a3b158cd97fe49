package io.schemagate.engine;

import io.schemagate.engine.flyway.HistoryView;
import io.schemagate.engine.flyway.UndoExecutor;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;

/**
 * The changes to a history that run no migration: {@code stamp} and {@code repair}. Runs under the
 * caller's lock.
 */
final class HistoryEdits {
  private static final String STAMP_DESCRIPTION = "<< schemagate stamp >>";

  private final EngineParts parts;

  HistoryEdits(EngineParts parts) {
    this.parts = parts;
  }

  /**
   * Records {@code wanted} as the applied version: a baseline on an empty history, skipped
   * migrations going up, removal rows going down.
   *
   * @param wanted a version of the bundle, resolved; {@code null} when the bundle has none
   */
  StampReport stamp(String wanted) {
    if (wanted == null) {
      throw new EngineException(
          FailureKind.TARGET_NOT_FOUND, "The bundle has no versioned script to stamp");
    }
    Flyway flyway = parts.flyways().plain();
    MigrationInfoService info = flyway.info();
    HistoryView view = parts.reads().view(info);
    String current = view.currentVersion();
    if (view.empty()) {
      parts
          .flyways()
          .with(c -> c.baselineVersion(wanted).baselineDescription(STAMP_DESCRIPTION))
          .baseline();
    } else if (current == null || Versions.compare(wanted, current) > 0) {
      parts.flyways().with(c -> c.skipExecutingMigrations(true).target(wanted)).migrate();
    } else if (Versions.compare(wanted, current) < 0) {
      UndoExecutor executor =
          new UndoExecutor(
              parts.url(),
              parts.guarded(),
              flyway.getConfiguration(),
              parts.reads().historyTable());
      for (MigrationInfo migration : view.toUndo(DowngradeTarget.toVersion(wanted))) {
        executor.undo(null, HistoryView.entry(migration), false);
      }
    }
    return new StampReport(
        current, parts.reads().view(parts.flyways().plain().info()).currentVersion());
  }

  /**
   * Removes failed rows and realigns checksums with the bundle. Refuses when the bundle lacks an
   * applied script, since Flyway would then mark that migration as deleted.
   */
  RepairReport repair() {
    Flyway flyway = parts.flyways().plain();
    MigrationInfoService info = flyway.info();
    HistoryView view = parts.reads().view(info);
    // Flyway's repair records a missing migration as deleted, unless ignoreMigrationPatterns
    // lets it pass (then Flyway leaves its row as it is).
    List<String> missing =
        Arrays.stream(info.all())
            .filter(
                i ->
                    (i.getState() == MigrationState.MISSING_SUCCESS && !view.isIgnored(i))
                        || i.getState() == MigrationState.FUTURE_SUCCESS)
            .map(MigrationInfo::getScript)
            .toList();
    if (!missing.isEmpty()) {
      throw new EngineException(
          FailureKind.REFUSED,
          "Refusing to repair with a bundle that lacks applied scripts ("
              + String.join(", ", missing)
              + "): repair would record them as deleted. Restore them and repair again, or,"
              + " if they were deleted on purpose, add *:missing to ignoreMigrationPatterns.");
    }
    RepairResult result = flyway.repair();
    return new RepairReport(names(result.migrationsRemoved), names(result.migrationsAligned));
  }

  private static List<String> names(List<RepairOutput> outputs) {
    if (outputs == null) {
      return List.of();
    }
    return outputs.stream()
        .map(o -> o.version == null || o.version.isEmpty() ? o.description : o.version)
        .toList();
  }
}
