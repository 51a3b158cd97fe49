package io.schemagate.engine;

import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.RepairReport;
import io.schemagate.engine.api.StampReport;
import io.schemagate.engine.api.Versions;
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
   * What stamping {@code wanted} would change, read without changing anything.
   *
   * @param wanted a version of the bundle, resolved; {@code null} when the bundle has none
   */
  StampReport stampPlan(String wanted) {
    requireVersion(wanted);
    Flyway flyway = parts.flyways().plain();
    return plannedStamp(flyway, flyway.info(), wanted);
  }

  /**
   * Records {@code shown.toVersion()} as the applied version: a baseline on an empty history,
   * skipped migrations going up, removal rows going down. Refused, changing nothing, when the
   * history moved since {@code shown} was planned, so the change made is the change shown.
   */
  StampReport stamp(StampReport shown) {
    String wanted = shown.toVersion();
    requireVersion(wanted);
    Flyway flyway = parts.flyways().plain();
    MigrationInfoService info = flyway.info();
    HistoryView view = parts.reads().view(info);
    StampReport now = plannedStamp(flyway, info, wanted);
    if (!now.equals(shown)) {
      throw new EngineException(
          FailureKind.REFUSED, Refusals.stampMoved(parts.url().redacted(), now));
    }
    if (view.empty()) {
      parts
          .flyways()
          .with(c -> c.baselineVersion(wanted).baselineDescription(STAMP_DESCRIPTION))
          .baseline();
    } else if (!now.marked().isEmpty()) {
      parts.flyways().with(c -> c.skipExecutingMigrations(true).target(wanted)).migrate();
    } else if (now.goesDown()) {
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
        now.fromVersion(),
        parts.reads().view(parts.flyways().plain().info()).currentVersion(),
        now.marked(),
        now.removed());
  }

  /**
   * Flyway's baseline: marks {@code version} (the {@code baselineVersion} setting when {@code
   * null}) on a history without migrations, and nothing else. A history that already records
   * migrations is refused, as Flyway refuses it: moving the marker is {@code stamp}'s, which shows
   * the change first.
   */
  StampReport baseline(String version) {
    Flyway flyway = parts.flyways().plain();
    String wanted =
        version == null
            ? flyway.getConfiguration().getBaselineVersion().getVersion()
            : Versions.parse(version)
                .orElseThrow(
                    () ->
                        new EngineException(
                            FailureKind.INVALID_INPUT,
                            "'" + version + "' is not a version (write e.g. V3 or 1.2)"));
    HistoryView view = parts.reads().view(flyway.info());
    // Flyway's own markers (the schema it created) are not migrations.
    List<HistoryEntry> rows =
        view.appliedRows().stream().filter(r -> !"SCHEMA".equals(r.type())).toList();
    if (rows.isEmpty()) {
      parts.flyways().with(c -> c.baselineVersion(wanted)).baseline();
      return new StampReport(null, wanted, List.of(), List.of());
    }
    if (rows.size() == 1
        && "BASELINE".equals(rows.get(0).type())
        && Versions.compare(rows.get(0).version(), wanted) == 0) {
      return new StampReport(wanted, wanted, List.of(), List.of());
    }
    throw new EngineException(
        FailureKind.REFUSED,
        Refusals.historyNotEmpty(parts.url().redacted(), view.currentVersion(), rows.size()));
  }

  private static void requireVersion(String wanted) {
    if (wanted == null) {
      throw new EngineException(
          FailureKind.TARGET_NOT_FOUND, "The bundle has no versioned script to stamp");
    }
  }

  private StampReport plannedStamp(Flyway flyway, MigrationInfoService info, String wanted) {
    HistoryView view = parts.reads().view(info);
    String current = view.currentVersion();
    if (view.empty()) {
      return new StampReport(null, wanted, List.of(), List.of());
    }
    int direction = current == null ? 1 : Versions.compare(wanted, current);
    if (direction > 0) {
      // What Flyway's migrate with skipExecutingMigrations records: the pending versions up to the
      // target (below the applied one too under outOfOrder) and every pending repeatable.
      boolean outOfOrder = flyway.getConfiguration().isOutOfOrder();
      List<String> marked =
          Arrays.stream(info.pending())
              .filter(
                  i ->
                      !i.isVersioned()
                          || (Versions.compare(i.getVersion().getVersion(), wanted) <= 0
                              && (outOfOrder
                                  || current == null
                                  || Versions.compare(i.getVersion().getVersion(), current) > 0)))
              .map(MigrationInfo::getScript)
              .toList();
      return new StampReport(current, wanted, marked, List.of());
    }
    if (direction < 0) {
      List<String> removed =
          view.toUndo(DowngradeTarget.toVersion(wanted)).stream()
              .map(MigrationInfo::getScript)
              .toList();
      return new StampReport(current, wanted, List.of(), removed);
    }
    return new StampReport(current, current, List.of(), List.of());
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
      throw new EngineException(FailureKind.REFUSED, Refusals.repairWouldDelete(missing));
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
