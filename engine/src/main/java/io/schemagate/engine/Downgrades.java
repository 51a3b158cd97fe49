package io.schemagate.engine;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.StatusReport;
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

  private final EngineParts parts;

  Downgrades(EngineParts parts) {
    this.parts = parts;
  }

  /**
   * Runs exactly {@code plan}, a downgrade: its refusal, if it has one; refused, running nothing,
   * when the history or the bundle moved since it was read.
   */
  RunReport run(MigrationPlan plan, MigrationListener listener) {
    plan.throwRefusal("downgrade");
    long start = System.nanoTime();
    Flyway flyway = parts.flyways().plain();
    MigrationInfoService info = flyway.info();
    StatusReport before = parts.reads().statusOf(info);
    Stale.check(parts, plan.seen(), before, info);
    DowngradeTarget target =
        DowngradeTarget.toVersion(plan.toVersion() == null ? "0" : plan.toVersion());
    HistoryView view = parts.reads().view(info);
    List<MigrationInfo> toUndo = view.toUndo(target);
    List<String> missing = new ArrayList<>();
    for (MigrationInfo migration : toUndo) {
      if (parts.scripts().undoFor(migration.getVersion().getVersion()).isEmpty()) {
        missing.add(view.expectedUndoName(migration) + " (undoes " + migration.getScript() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new EngineException(FailureKind.REFUSED, Refusals.missingUndo(missing));
    }
    UndoExecutor executor =
        new UndoExecutor(
            parts.url(), parts.guarded(), flyway.getConfiguration(), parts.reads().historyTable());
    List<AppliedMigration> undone = new ArrayList<>();
    for (MigrationInfo migration : toUndo) {
      Script undo = parts.scripts().undoFor(migration.getVersion().getVersion()).orElseThrow();
      listener.starting(undo.name());
      long millis = executor.undo(undo, HistoryView.entry(migration), true);
      AppliedMigration done =
          new AppliedMigration(
              migration.getVersion().getVersion(), migration.getDescription(), undo.name(), millis);
      undone.add(done);
      listener.undone(done);
    }
    String after = parts.reads().view(parts.flyways().plain().info()).currentVersion();
    return new RunReport(
        Direction.DOWN,
        before.currentVersion(),
        after,
        List.copyOf(undone),
        (System.nanoTime() - start) / 1_000_000);
  }
}
