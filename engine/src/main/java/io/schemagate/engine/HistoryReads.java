package io.schemagate.engine;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.HistoryFingerprint;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.engine.flyway.HistoryTable;
import io.schemagate.engine.flyway.HistoryView;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * How the engine reads one database's history: the fingerprint (one query), Flyway's view as the
 * engine's records, the rows that record undone versions, and the schema that holds the table.
 */
final class HistoryReads {
  private final DatabaseUrl url;
  private final DataSource dataSource;
  private final Bundle bundle;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private volatile String schema;

  HistoryReads(
      DatabaseUrl url,
      DataSource dataSource,
      Bundle bundle,
      ScriptSet scripts,
      EngineSettings settings) {
    this.url = url;
    this.dataSource = dataSource;
    this.bundle = bundle;
    this.scripts = scripts;
    this.settings = settings;
  }

  /**
   * The history table's fingerprint from one query, or empty when it cannot be read (no table yet,
   * or the database is away: the full check that follows then reports why). Reads only.
   */
  Optional<HistoryFingerprint> fingerprint() {
    String configured = settings.schemas().isEmpty() ? null : settings.schemas().get(0);
    try (Connection connection = dataSource.getConnection()) {
      return Optional.of(
          HistoryTable.fingerprint(
              url.kind(), configured, settings.table(), connection, settings.limits()));
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  HistoryView view(MigrationInfoService info) {
    return new HistoryView(
        info,
        scripts,
        settings.vocabulary(),
        settings.flyway().list("ignoreMigrationPatterns").orElse(HistoryView.DEFAULT_IGNORED),
        settings.flyway().naming());
  }

  StatusReport statusOf(MigrationInfoService info) {
    return view(info).status(url.redacted(), schema(), settings.table(), bundle.digest());
  }

  List<HistoryEntry> historyOf(MigrationInfoService info) {
    List<HistoryEntry> rows = new ArrayList<>(view(info).appliedRows());
    if (!rows.isEmpty()) {
      try (Connection connection = dataSource.getConnection()) {
        rows.addAll(historyTable().removalRows(connection));
      } catch (SQLException e) {
        throw FailureClassifier.classify(e, url);
      }
    }
    rows.sort(Comparator.comparing(HistoryEntry::installedRank));
    return List.copyOf(rows);
  }

  String schema() {
    if (schema == null) {
      if (!settings.schemas().isEmpty()) {
        schema = settings.schemas().get(0);
      } else {
        try (Connection connection = dataSource.getConnection()) {
          schema = HistoryTable.defaultSchema(url.kind(), connection);
        } catch (SQLException e) {
          throw FailureClassifier.classify(e, url);
        }
      }
    }
    return schema;
  }

  HistoryTable historyTable() {
    return new HistoryTable(url.kind(), schema(), settings.table());
  }
}
