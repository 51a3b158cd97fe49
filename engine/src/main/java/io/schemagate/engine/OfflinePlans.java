package io.schemagate.engine;

import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.flyway.HistoryTable;
import io.schemagate.engine.flyway.HistoryView;
import io.schemagate.engine.flyway.OfflineSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The plans of {@link MigrationEngine#plan} as the SQL they run ({@link OfflineSql}), refused in
 * the same words as the operation itself. Reads only: no lock, no change.
 */
final class OfflinePlans {

  private final EngineParts parts;

  OfflinePlans(EngineParts parts) {
    this.parts = parts;
  }

  /** The SQL of {@code plan}, an upgrade (or nothing to do), read from {@code info}. */
  String upgrade(MigrationPlan plan, MigrationInfoService info, Flyway flyway) {
    plan.throwRefusal("plan the upgrade");
    Map<String, MigrationInfo> unapplied =
        Arrays.stream(info.all())
            .filter(i -> i.getInstalledRank() == null)
            .collect(Collectors.toMap(MigrationInfo::getScript, Function.identity(), (a, b) -> a));
    List<MigrationInfo> pending = plan.scripts().stream().map(unapplied::get).toList();
    long[] rank = lastRank();
    return offline(flyway).upgrade(pending, rank[0], rank[1] == 1);
  }

  /** The SQL of {@code plan}, a downgrade read from {@code info}: each undo script and its row. */
  String downgrade(MigrationPlan plan, MigrationInfoService info, Flyway flyway) {
    plan.throwRefusal("plan the downgrade");
    DowngradeTarget target =
        DowngradeTarget.toVersion(plan.toVersion() == null ? "0" : plan.toVersion());
    HistoryView view = parts.reads().view(info);
    List<MigrationInfo> toUndo = view.toUndo(target);
    List<String> missing =
        view.undoNames(toUndo).stream().filter(n -> n.endsWith(" (missing)")).toList();
    if (!missing.isEmpty()) {
      throw new EngineException(FailureKind.REFUSED, Refusals.missingUndo(missing));
    }
    List<HistoryEntry> applied = new ArrayList<>();
    toUndo.forEach(m -> applied.add(HistoryView.entry(m)));
    return offline(flyway).downgrade(applied, lastRank()[0]);
  }

  private OfflineSql offline(Flyway flyway) {
    return new OfflineSql(
        parts.url(),
        parts.guarded(),
        flyway.getConfiguration(),
        parts.scripts(),
        parts.reads().historyTable());
  }

  /** The highest installed rank, and 1 when the history table exists (else 0). */
  private long[] lastRank() {
    HistoryTable table = parts.reads().historyTable();
    try (Connection connection = parts.guarded().getConnection()) {
      return new long[] {
        HistoryTable.fingerprint(
                parts.url().kind(),
                table.schema(),
                table.table(),
                connection,
                parts.settings().limits())
            .maxRank(),
        1
      };
    } catch (SQLException e) {
      // No history table yet: the upgrade's SQL begins by creating it.
      return new long[] {0, 0};
    }
  }
}
