package io.schemagate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The SQL that limits, identifies, cancels and ends a database session, per database. Cancelling
 * happens from another session on the server ({@code pg_cancel_backend}, {@code KILL QUERY}):
 * closing or aborting the client's connection alone may leave the server working on.
 */
final class SessionControl {
  private SessionControl() {}

  /**
   * Sets the limits on a session and returns its server-side id ({@code null} where the database
   * has none, as SQLite). Run on every checkout: a script may have changed its session's settings.
   */
  static String prepare(Connection connection, DatabaseKind kind, SessionLimits limits)
      throws SQLException {
    return switch (kind) {
      case POSTGRESQL -> {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_backend_pid(), set_config('statement_timeout', ?, false),"
                    + " set_config('lock_timeout', ?, false)")) {
          statement.setString(1, Long.toString(limits.statementTimeout().toMillis()));
          statement.setString(2, Long.toString(limits.lockWaitTimeout().toMillis()));
          try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            yield Long.toString(rs.getLong(1));
          }
        }
      }
      case MYSQL, MARIADB -> {
        try (Statement statement = connection.createStatement()) {
          String settings = mysqlSettings(connection, limits);
          if (!settings.isEmpty()) {
            statement.execute("SET SESSION " + settings);
          }
          try (ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            yield Long.toString(rs.getLong(1));
          }
        }
      }
      case H2 -> {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET QUERY_TIMEOUT " + limits.statementTimeout().toMillis());
          if (limits.hasLockWaitTimeout()) {
            statement.execute("SET LOCK_TIMEOUT " + limits.lockWaitTimeout().toMillis());
          }
          try (ResultSet rs = statement.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            yield Long.toString(rs.getLong(1));
          }
        }
      }
      case SQLITE -> null;
    };
  }

  private static String mysqlSettings(Connection connection, SessionLimits limits)
      throws SQLException {
    boolean mariadb =
        connection
            .getMetaData()
            .getDatabaseProductVersion()
            .toLowerCase(Locale.ROOT)
            .contains("mariadb");
    StringBuilder settings = new StringBuilder();
    if (mariadb) {
      // Seconds, fractions allowed; 0 means none.
      settings.append("max_statement_time = ").append(seconds(limits.statementTimeout(), true));
    } else {
      // MySQL bounds SELECT statements only; its DDL has no server-side time limit.
      settings.append("max_execution_time = ").append(limits.statementTimeout().toMillis());
    }
    if (limits.hasLockWaitTimeout()) {
      String wait = seconds(limits.lockWaitTimeout(), false);
      settings
          .append(", lock_wait_timeout = ")
          .append(wait)
          .append(", innodb_lock_wait_timeout = ")
          .append(wait);
    }
    return settings.toString();
  }

  private static String seconds(Duration duration, boolean fractions) {
    if (fractions) {
      return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
    // Whole seconds, at least one: both lock settings refuse 0.
    return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
  }

  /**
   * Stops a session from another one: {@code end} false cancels the statement it runs (the session
   * stays usable), true ends the session, for a statement that did not stop when cancelled. The
   * in-process databases have no such statement: aborting their connection ends them, and SQLite
   * has no sessions to cancel at all.
   */
  static void stop(Connection control, DatabaseKind kind, String id, boolean end)
      throws SQLException {
    long session = Long.parseLong(id);
    String sql =
        switch (kind) {
          case POSTGRESQL ->
              "SELECT " + (end ? "pg_terminate_backend(" : "pg_cancel_backend(") + session + ")";
          case MYSQL, MARIADB -> (end ? "KILL CONNECTION " : "KILL QUERY ") + session;
          case H2 -> end ? null : "CALL CANCEL_SESSION(" + session + ")";
          case SQLITE -> null;
        };
    if (sql != null) {
      try (Statement statement = control.createStatement()) {
        statement.execute(sql);
      }
    }
  }
}
