package io.schemagate.engine;

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
   * @param target a version of the bundle, or {@code null}, "head" or "latest" for all
   */
  UpgradeReport run(String target, MigrationListener listener) {
    return run(target, listener, null);
  }

  /**
   * Runs exactly {@code plan}: refused, running nothing, when the history or the bundle moved since
   * it was read.
   */
  UpgradeReport run(MigrationPlan plan, MigrationListener listener) {
    plan.throwRefusal("upgrade");
    if (plan.direction() == Direction.DOWN) {
      throw new EngineException(
          FailureKind.REFUSED,
          Refusals.belowApplied(plan.toVersion(), plan.fromVersion(), "downgrade"));
    }
    // Ahead of the bundle, the plan runs only changed repeatable scripts, as Flyway's latest does.
    return run(plan.ahead() ? null : plan.toVersion(), listener, plan.seen());
  }

  /**
   * @param expected what the history and the bundle were when the plan to run was made, or {@code
   *     null} to run against whatever is there now
   */
  private UpgradeReport run(String target, MigrationListener listener, Inspection expected) {
    long start = System.nanoTime();
    EngineSettings settings = parts.settings();
    String version = parts.scripts().resolveTarget(target, settings.vocabulary());
    boolean named = ScriptSet.namesVersion(target);
    ProgressCallback progress = new ProgressCallback(listener);
    // One Flyway instance reads the history and migrates: each instance costs a fresh
    // configuration and connection set-up. Flyway's own validation is skipped because the
    // broken-history refusal below has just checked the same history under the same lock.
    Flyway flyway =
        parts
            .flyways()
            .with(
                c ->
                    c.target(
                            version == null || !named
                                ? MigrationVersion.LATEST.getVersion()
                                : version)
                        .callbacks(progress)
                        .validateOnMigrate(false));
    MigrationInfoService info = flyway.info();
    StatusReport before = parts.reads().statusOf(info);
    if (expected != null) {
      Stale.check(parts, expected, before, info);
    }
    Refusals.brokenHistory(before, settings.vocabulary(), settings.validateOnMigrate())
        .ifPresent(
            refusal -> {
              throw refusal.toException("upgrade");
            });
    UnmanagedSchema.refusal(
            parts.guarded(),
            parts.url(),
            new Inspection(before, parts.reads().historyOf(info)),
            settings)
        .ifPresent(
            refusal -> {
              throw refusal.toException("upgrade");
            });
    if (named
        && version != null
        && before.currentVersion() != null
        && Versions.compare(version, before.currentVersion()) < 0) {
      throw new EngineException(
          FailureKind.REFUSED,
          Refusals.belowApplied(version, before.currentVersion(), "downgrade"));
    }
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
    return new UpgradeReport(
        before.currentVersion(),
        after,
        List.copyOf(progress.applied()),
        (System.nanoTime() - start) / 1_000_000);
  }
}
