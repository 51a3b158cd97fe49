package io.schemagate.engine;

import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.Versions;
import io.schemagate.engine.flyway.HistoryView;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What moving a database to a target would do, from one read of its history: the decision behind
 * {@link MigrationEngine#plan}, apart from the reads, so that it stays small and plain.
 */
final class Planner {
  private Planner() {}

  /**
   * The plan to {@code to} from where {@code seen} says the database stands.
   *
   * @param to the resolved target: a version of the bundle, "0" for before the first, or {@code
   *     null} when the bundle has no versioned script
   * @param explicit true when the caller named the target; the bundle's head below the applied
   *     version is then a downgrade, otherwise the database is ahead of the bundle
   */
  static MigrationPlan plan(Inspection seen, String to, HistoryView view, EngineSettings settings) {
    return plan(seen, to, true, view, settings, Optional.empty());
  }

  /**
   * The plan, refused as {@code unmanaged} says when the database holds tables but no history
   * ({@link UnmanagedSchema#refusal}): the refusal Flyway's migrate would give, known before.
   */
  static MigrationPlan plan(
      Inspection seen,
      String to,
      boolean explicit,
      HistoryView view,
      EngineSettings settings,
      Optional<Refusal> unmanaged) {
    StatusReport status = seen.status();
    String from = status.currentVersion();
    if (unmanaged.isPresent()) {
      return new MigrationPlan(seen, from, to, Direction.NONE, List.of(), unmanaged);
    }
    Optional<Refusal> broken =
        Refusals.brokenHistory(status, settings.vocabulary(), settings.validateOnMigrate());
    if (broken.isPresent()) {
      return new MigrationPlan(seen, from, to, Direction.NONE, List.of(), broken);
    }
    int compared = to == null ? 0 : from == null ? 1 : Versions.compare(to, from);
    if (compared < 0 && !explicit) {
      // The bundle's head is below the applied version: an older release runs against a newer
      // schema. Flyway leaves the versions where they are (its default *:future ignores them) and
      // applies what is pending all the same: repeatable scripts that differ, and with outOfOrder
      // the versions below the applied one that never ran.
      List<String> pending = status.pending().stream().map(PendingMigration::script).toList();
      return new MigrationPlan(
          seen,
          from,
          to,
          pending.isEmpty() ? Direction.NONE : Direction.UP,
          pending,
          Optional.empty());
    }
    if (compared < 0) {
      try {
        List<String> undo = view.undoNames(view.toUndo(DowngradeTarget.toVersion(to)));
        return new MigrationPlan(seen, from, to, Direction.DOWN, undo, Optional.empty());
      } catch (EngineException e) {
        Refusal refusal = new Refusal(e.kind(), e.getMessage(), e.script());
        return new MigrationPlan(seen, from, to, Direction.DOWN, List.of(), Optional.of(refusal));
      }
    }
    // Pending scripts up to the target; at the target, changed repeatable scripts. A pending
    // baseline script is Flyway's choice for a database without history, above the target too:
    // the plan then says so, and reaches the baseline's version.
    Set<String> baselines = view.pendingBaselines();
    List<PendingMigration> chosen =
        status.pending().stream()
            .filter(
                p ->
                    p.version() == null
                        || to == null
                        || baselines.contains(p.script())
                        || Versions.compare(p.version(), to) <= 0)
            .toList();
    String reached = to;
    for (PendingMigration p : chosen) {
      if (reached != null
          && baselines.contains(p.script())
          && Versions.compare(p.version(), reached) > 0) {
        reached = p.version();
      }
    }
    List<String> scripts = chosen.stream().map(PendingMigration::script).toList();
    Direction direction = scripts.isEmpty() ? Direction.NONE : Direction.UP;
    return new MigrationPlan(seen, from, reached, direction, scripts, Optional.empty());
  }
}
