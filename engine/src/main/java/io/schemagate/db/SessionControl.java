package io.schemagate.db;

import static java.util.stream.Collectors.joining;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL that limits, identifies, cancels and ends a database session, per database. Cancelling
 * happens from another session on the server ({@code pg_cancel_backend}, {@code KILL QUERY}):
 * closing or aborting the client's connection alone may leave the server working on.
 */
final class SessionControl {
  private SessionControl() {}

  /**
   * How long the client waits for any answer: a minute past the statement timeout and the deadline.
   */
  static Duration networkTimeout(SessionLimits limits) {
    Duration longest =
        limits.statementTimeout().compareTo(limits.deadline()) > 0
            ? limits.statementTimeout()
            : limits.deadline();
    return longest.isZero() ? Duration.ZERO : longest.plusMinutes(1);
  }

  /**
   * Sets the limits on a session and returns its server-side id ({@code null} where the database
   * has none, as SQLite). Run on every checkout: a script may have changed its session's settings.
   */
  static String prepare(Connection connection, DatabaseKind kind, SessionLimits limits)
      throws SQLException {
    Duration network = networkTimeout(limits);
    if (!network.isZero() && kind != DatabaseKind.SQLITE && kind != DatabaseKind.H2) {
      // The last resort after the server's own timeouts and the run's deadline: a server that
      // stops answering frees the thread. The pool puts its own value back on return.
      connection.setNetworkTimeout(
          Runnable::run, (int) Math.min(Integer.MAX_VALUE, network.toMillis()));
    }
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
   * Those of {@code ids} that run a statement right now, read in one query from {@code control}.
   * Only they are stopped: a stop that reached a session which has just gone idle would hit the
   * next statement it runs, such as Flyway recording the failure of the one that was stopped.
   */
  static Set<String> busy(Connection control, DatabaseKind kind, List<String> ids)
      throws SQLException {
    String list = ids.stream().map(id -> Long.toString(Long.parseLong(id))).collect(joining(","));
    String sql =
        switch (kind) {
          case POSTGRESQL ->
              "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND pid IN (" + list + ")";
          case MYSQL, MARIADB ->
              "SELECT id FROM information_schema.processlist WHERE command = 'Query'"
                  + " AND id IN ("
                  + list
                  + ")";
          case H2, SQLITE -> null;
        };
    if (sql == null || ids.isEmpty()) {
      return new HashSet<>(ids);
    }
    Set<String> busy = new HashSet<>();
    try (Statement statement = control.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        busy.add(Long.toString(rs.getLong(1)));
      }
    }
    return busy;
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
