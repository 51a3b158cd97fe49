package io.schemagate.engine;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.Versions;
import io.schemagate.engine.flyway.FailedRows;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.engine.flyway.InvalidIndexes;
import io.schemagate.engine.flyway.ProgressCallback;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * An upgrade: the pending migrations up to the target, run by Flyway, refused before anything runs
 * when the history is broken, the schema is unmanaged, or a named target is below the applied
 * version. Without a named target a database ahead of the bundle is left where it is. Runs under
 * the caller's lock.
 */
final class Upgrades {
  private final EngineParts parts;

  Upgrades(EngineParts parts) {
    this.parts = parts;
  }

  /**
   * Runs exactly {@code plan}: its refusal, if it has one; refused, running nothing, when the
   * history or the bundle moved since it was read.
   */
  RunReport run(MigrationPlan plan, MigrationListener listener) {
    plan.throwRefusal("upgrade");
    long start = System.nanoTime();
    EngineSettings settings = parts.settings();
    // Ahead of the bundle, the plan runs only changed repeatable scripts, as Flyway's latest does.
    String version =
        plan.ahead() || plan.toVersion() == null
            ? MigrationVersion.LATEST.getVersion()
            : plan.toVersion();
    ProgressCallback progress = new ProgressCallback(listener);
    // One Flyway instance reads the history and migrates: each instance costs a fresh
    // configuration and connection set-up. Flyway's own validation is skipped because the plan's
    // broken-history refusal was made from the same history, checked row for row below.
    Flyway flyway =
        parts.flyways().with(c -> c.target(version).callbacks(progress).validateOnMigrate(false));
    MigrationInfoService info = flyway.info();
    StatusReport before = parts.reads().statusOf(info);
    Stale.check(parts, plan.seen(), before, info);
    Stale.checkScripts(parts, plan, info);
    // Tables made since the plan was read, on a database without history: the refusal Flyway's
    // migrate would give, in schemagate's words.
    UnmanagedSchema.refusal(
            parts.guarded(),
            parts.url(),
            new Inspection(before, parts.reads().historyOf(info)),
            settings)
        .ifPresent(
            refusal -> {
              throw refusal.toException("upgrade");
            });
    try {
      flyway.migrate();
    } catch (RuntimeException e) {
      throw InvalidIndexes.explain(
          FailedRows.removeWhereNothingRan(
              FailureClassifier.classify(e, parts.url(), settings.limits()),
              parts.url(),
              parts.scripts(),
              flyway.getConfiguration(),
              parts.dataSource(),
              parts.reads().historyTable()),
          parts.url(),
          parts.dataSource());
    }
    String after = before.currentVersion();
    for (AppliedMigration applied : progress.applied()) {
      if (applied.version() != null
          && (after == null || Versions.compare(applied.version(), after) > 0)) {
        after = applied.version();
      }
    }
    return new RunReport(
        Direction.UP,
        before.currentVersion(),
        after,
        List.copyOf(progress.applied()),
        (System.nanoTime() - start) / 1_000_000);
  }
}
