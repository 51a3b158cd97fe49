package io.schemagate.engine;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.engine.flyway.FlywayFactory;
import io.schemagate.engine.flyway.HistoryView;
import io.schemagate.engine.flyway.UndoExecutor;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * A downgrade: the applied migrations above the target reverted newest first by their undo scripts,
 * refused before anything runs when one of them is missing. Runs under the caller's lock.
 */
final class Downgrades {
  private final DatabaseUrl url;
  private final GuardedDataSource guarded;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private final HistoryReads reads;
  private final FlywayFactory flyways;

  Downgrades(
      DatabaseUrl url,
      GuardedDataSource guarded,
      ScriptSet scripts,
      EngineSettings settings,
      HistoryReads reads,
      FlywayFactory flyways) {
    this.url = url;
    this.guarded = guarded;
    this.scripts = scripts;
    this.settings = settings;
    this.reads = reads;
    this.flyways = flyways;
  }

  DowngradeReport run(DowngradeTarget target, MigrationListener listener) {
    long start = System.nanoTime();
    Flyway flyway = flyways.plain();
    MigrationInfoService info = flyway.info();
    StatusReport before = reads.statusOf(info);
    Refusals.brokenHistory(before, settings.vocabulary(), settings.validateOnMigrate())
        .ifPresent(
            refusal -> {
              throw refusal.toException("downgrade");
            });
    List<MigrationInfo> toUndo = reads.view(info).toUndo(target);
    List<String> missing = new ArrayList<>();
    for (MigrationInfo migration : toUndo) {
      if (scripts.undoFor(migration.getVersion().getVersion()).isEmpty()) {
        missing.add(
            HistoryView.expectedUndoName(migration) + " (undoes " + migration.getScript() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new EngineException(
          FailureKind.REFUSED,
          "Cannot downgrade: the bundle has no undo script for "
              + String.join(", ", missing)
              + ". Nothing was changed; add the missing U scripts first.");
    }
    UndoExecutor executor =
        new UndoExecutor(url, guarded, flyway.getConfiguration(), reads.historyTable());
    List<AppliedMigration> undone = new ArrayList<>();
    for (MigrationInfo migration : toUndo) {
      Script undo = scripts.undoFor(migration.getVersion().getVersion()).orElseThrow();
      listener.starting(undo.name());
      long millis = executor.undo(undo, HistoryView.entry(migration), true);
      AppliedMigration done =
          new AppliedMigration(
              migration.getVersion().getVersion(), migration.getDescription(), undo.name(), millis);
      undone.add(done);
      listener.undone(done);
    }
    String after = reads.view(flyways.plain().info()).currentVersion();
    return new DowngradeReport(
        before.currentVersion(),
        after,
        List.copyOf(undone),
        (System.nanoTime() - start) / 1_000_000);
  }
}
