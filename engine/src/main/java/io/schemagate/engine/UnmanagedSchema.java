package io.schemagate.engine;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.StatusReport;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A schema that holds tables but no schema history: made by hand, by another tool, or by Alembic,
 * whose {@code alembic_version} table names the revision it applied last. Read from the catalogue
 * only when the history is empty, so a plan refuses it before Flyway would.
 *
 * @param tables the tables found, the history table aside
 * @param alembicRevision the revision in {@code alembic_version}, when Alembic managed the schema
 */
public record UnmanagedSchema(List<String> tables, Optional<String> alembicRevision) {
  public UnmanagedSchema {
    tables = List.copyOf(tables);
  }

  /**
   * The refusal for a database whose history is empty but whose schema holds tables, unless
   * baselineOnMigrate takes it over; empty otherwise. Reads the catalogue only on an empty history.
   */
  static Optional<Refusal> refusal(
      DataSource dataSource, DatabaseUrl url, Inspection seen, EngineSettings settings) {
    if (!seen.history().isEmpty() || settings.baselineOnMigrate()) {
      return Optional.empty();
    }
    StatusReport status = seen.status();
    return read(dataSource, url, status.schema(), status.table())
        .map(
            unmanaged ->
                new Refusal(
                    FailureKind.REFUSED,
                    Refusals.unmanaged(status.database(), unmanaged.alembicRevision()),
                    null));
  }

  /** The tables of {@code schema}, or empty when it holds none but the history table. */
  static Optional<UnmanagedSchema> read(
      DataSource dataSource, DatabaseUrl url, String schema, String historyTable) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      boolean catalogs = url.kind() == DatabaseKind.MYSQL || url.kind() == DatabaseKind.MARIADB;
      String catalog = catalogs ? schema : null;
      String schemaPattern = catalogs || url.kind() == DatabaseKind.SQLITE ? null : schema;
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = meta.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String name = rows.getString("TABLE_NAME");
          if (!name.equalsIgnoreCase(historyTable)
              && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
            tables.add(name);
          }
        }
      }
      if (tables.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> alembic = Optional.empty();
      if (tables.stream().anyMatch(t -> t.equalsIgnoreCase("alembic_version"))) {
        alembic = alembicRevision(connection);
      }
      return Optional.of(new UnmanagedSchema(tables, alembic));
    } catch (SQLException e) {
      // The engine's failure classifier reads the driver's exception from the cause.
      throw new IllegalStateException("Cannot read the tables of schema " + schema, e);
    }
  }

  private static Optional<String> alembicRevision(Connection connection) {
    // A fixed statement over a table Alembic names; no value of the caller's goes into it.
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version_num FROM alembic_version")) {
      List<String> revisions = new ArrayList<>();
      while (rows.next()) {
        revisions.add(rows.getString(1));
      }
      return revisions.isEmpty()
          ? Optional.of("(none)")
          : Optional.of(String.join(", ", revisions));
    } catch (SQLException e) {
      return Optional.of("(unreadable)");
    }
  }
}
