package io.schemagate.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The limit: the same scripts sent over JDBC on one session per target, each script in its own
 * transaction as Flyway runs it, with no history, no lock and no checks.
 */
final class RawSql {
  private RawSql() {}

  static void apply(BenchDatabase db, String database, String schema, Collection<String> scripts)
      throws SQLException {
    apply(db.jdbcUrl(database), db.user(), schema, scripts);
  }

  static void apply(String jdbcUrl, String user, String schema, Collection<String> scripts)
      throws SQLException {
    try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, user, null)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        statement.execute("SET search_path TO " + schema);
      }
      connection.setAutoCommit(false);
      for (String script : scripts) {
        try (Statement statement = connection.createStatement()) {
          // One call per script: the driver sends all its statements in one round trip.
          statement.execute(script);
        }
        connection.commit();
      }
    }
  }
}
