package io.schemagate.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Names the sessions that most likely held the lock a migration gave up waiting for: the other
 * sessions of the same database with the oldest open transactions (PostgreSQL: those holding table
 * locks). Read from the catalogue right after the wait ended, while the blocker still holds it.
 */
public final class LockBlockers {
  private static final String POSTGRESQL =
      "SELECT a.pid, a.usename, a.application_name, a.state,"
          + " EXTRACT(EPOCH FROM (now() - a.xact_start))::bigint,"
          + " string_agg(DISTINCT n.nspname || '.' || c.relname, ', ')"
          + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " JOIN pg_class c ON c.oid = l.relation"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid()"
          + " AND a.datname = current_database() AND a.xact_start IS NOT NULL"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " GROUP BY a.pid, a.usename, a.application_name, a.state, a.xact_start"
          + " ORDER BY a.xact_start LIMIT 3";

  private static final String MYSQL =
      "SELECT t.trx_mysql_thread_id, p.user, p.host, p.command,"
          + " TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), p.db"
          + " FROM information_schema.innodb_trx t"
          + " LEFT JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
          + " WHERE t.trx_mysql_thread_id <> CONNECTION_ID()"
          + " ORDER BY t.trx_started LIMIT 3";

  private LockBlockers() {}

  /**
   * A sentence naming the likely blockers, or saying why the database could not tell; never throws.
   */
  public static String describe(DatabaseKind kind, DataSource dataSource) {
    String query =
        switch (kind) {
          case POSTGRESQL -> POSTGRESQL;
          case MYSQL, MARIADB -> MYSQL;
          case H2, SQLITE -> null;
        };
    if (query == null) {
      return "the database does not say which session holds it";
    }
    List<String> sessions = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(5);
      try (ResultSet rs = statement.executeQuery(query)) {
        while (rs.next()) {
          sessions.add(
              kind == DatabaseKind.POSTGRESQL
                  ? String.format(
                      "session %d (user %s, application '%s', %s, transaction open for %d s,"
                          + " holding locks on %s)",
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getLong(5),
                      rs.getString(6))
                  : String.format(
                      "session %d (user %s, host %s, %s, transaction open for %d s, database %s)",
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getLong(5),
                      rs.getString(6)));
        }
      }
    } catch (SQLException | RuntimeException e) {
      return "the database did not say which session holds it ("
          + (kind == DatabaseKind.POSTGRESQL ? "" : "reading it needs the PROCESS privilege; ")
          + "the server answered: "
          + firstLine(e.getMessage())
          + ")";
    }
    return sessions.isEmpty()
        ? "no other session holds a lock now; it was released meanwhile"
        : "likely held by " + String.join("; ", sessions);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return (newline >= 0 ? message.substring(0, newline) : message).strip();
  }
}
