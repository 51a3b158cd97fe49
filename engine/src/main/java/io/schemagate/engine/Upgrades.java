package io.schemagate.engine;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.Versions;
import io.schemagate.engine.flyway.FailedRows;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.engine.flyway.InvalidIndexes;
import io.schemagate.engine.flyway.MigrationRunner;
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
    List<AppliedMigration> applied;
    StatusReport before;
    if (settings.flyway().flywayExecutor()) {
      ProgressCallback progress = new ProgressCallback(listener);
      // One Flyway instance reads the history and migrates: each instance costs a fresh
      // configuration and connection set-up. Flyway's own validation is skipped because the
      // plan's broken-history refusal was made from the same history, checked row for row.
      Flyway flyway =
          parts.flyways().with(c -> c.target(version).callbacks(progress).validateOnMigrate(false));
      MigrationInfoService info = flyway.info();
      before = check(plan, info);
      migrate(flyway, flyway::migrate);
      applied = progress.applied();
    } else {
      Flyway flyway = parts.flyways().with(c -> c.target(version).validateOnMigrate(false));
      MigrationRunner runner =
          new MigrationRunner(
              listener,
              name -> {
                Script script = parts.scripts().scripts().get(name);
                return script == null ? null : script.text();
              });
      StatusReport[] seen = new StatusReport[1];
      migrate(flyway, () -> runner.run(flyway, info -> seen[0] = check(plan, info)));
      before = seen[0];
      applied = runner.applied();
    }
    String after = before.currentVersion();
    for (AppliedMigration each : applied) {
      if (each.version() != null
          && (after == null || Versions.compare(each.version(), after) > 0)) {
        after = each.version();
      }
    }
    return new RunReport(
        Direction.UP,
        before.currentVersion(),
        after,
        List.copyOf(applied),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * The checks on the history read before anything runs: the plan still holds, its scripts are the
   * ones that will run, and the schema is managed.
   */
  private StatusReport check(MigrationPlan plan, MigrationInfoService info) {
    StatusReport before = parts.reads().statusOf(info);
    Stale.check(parts, plan.seen(), before, info);
    Stale.checkScripts(parts, plan, info);
    // Tables made since the plan was read, on a database without history: the refusal Flyway's
    // migrate would give, in schemagate's words.
    UnmanagedSchema.refusal(
            parts.guarded(),
            parts.url(),
            new Inspection(before, parts.reads().historyOf(info)),
            parts.settings())
        .ifPresent(
            refusal -> {
              throw refusal.toException("upgrade");
            });
    return before;
  }

  /** Runs {@code migration}, its failure explained in schemagate's words. */
  private void migrate(Flyway flyway, Runnable migration) {
    try {
      migration.run();
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw InvalidIndexes.explain(
          FailedRows.removeWhereNothingRan(
              FailureClassifier.classify(e, parts.url(), parts.settings().limits()),
              parts.url(),
              parts.scripts(),
              flyway.getConfiguration(),
              parts.dataSource(),
              parts.reads().historyTable()),
          parts.url(),
          parts.dataSource());
    }
  }
}
