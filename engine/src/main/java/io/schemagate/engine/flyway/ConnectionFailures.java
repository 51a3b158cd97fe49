package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The failures of the connection rather than of a script, for {@link FailureClassifier}: the
 * credentials refused, no driver, a database file locked by another process, the server away or the
 * database missing; and how an unreachable server is told to a tenant.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /**
   * The failure as an outage of the connection, or null.
   *
   * @param inScript a statement of a script raised it: only the connection failing counts then
   */
  static EngineException of(
      SQLException sql, Throwable failure, DatabaseUrl url, boolean inScript) {
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    String message = sql.getMessage() == null ? "" : sql.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (FailureClassifier.permissionDenied(sql)) {
      return null;
    }
    if (!inScript
        && (state.startsWith("28")
            || sql.getErrorCode() == 1045
            || lower.contains("access denied"))) {
      return new EngineException(
          FailureKind.AUTHENTICATION_FAILED,
          "Authentication failed on "
              + url.redacted()
              + " for user '"
              + url.user().orElse("(none)")
              + "': check the user and password ("
              + FailureClassifier.firstLine(message)
              + ")",
          failure);
    }
    if (lower.contains("no suitable driver")) {
      return new EngineException(
          FailureKind.INVALID_INPUT,
          "No JDBC driver for "
              + url.redacted()
              + " is on the class path: add "
              + url.kind().artifacts()
              + " to the application",
          failure);
    }
    if (url.kind() == DatabaseKind.SQLITE
        && (lower.contains("sqlite_busy") || lower.contains("database is locked"))) {
      return new EngineException(
          FailureKind.LOCKED,
          "The SQLite database file "
              + url.sqliteFile().map(p -> p.toAbsolutePath().toString()).orElse("(in memory)")
              + " is locked by another process and stayed locked for the whole lock timeout;"
              + " close the other program or raise --lock-timeout",
          failure);
    }
    if (url.kind() == DatabaseKind.H2 && "90020".equals(state)) {
      return new EngineException(
          FailureKind.LOCKED,
          "The H2 database "
              + url.redacted()
              + " is open in another process, and an H2 file admits one; close it or use"
              + " AUTO_SERVER=TRUE",
          failure);
    }
    if (state.startsWith("08")
        || lower.contains("connection refused")
        || lower.contains("could not connect")
        || lower.contains("connection is not available")
        || lower.contains("connection is closed")
        || lower.contains("connection has been closed")
        || lower.contains("terminating connection")
        || lower.contains("i/o error")
        || lower.contains("communications link failure")
        || lower.contains("socket fail")) {
      // The driver's own words (the root cause) say more than a pool's time-out message.
      return unreachable(url, FailureClassifier.rootMessage(failure), failure);
    }
    if (!inScript && (state.startsWith("3D") || sql.getErrorCode() == 1049)) {
      return new EngineException(
          FailureKind.UNREACHABLE,
          "The database in "
              + url.redacted()
              + " does not exist ("
              + FailureClassifier.firstLine(message)
              + ")",
          failure);
    }
    return null;
  }

  /**
   * The database cannot be reached. For a tenant's URL the driver's words are left out: whether a
   * port was refused, timed out or answered in another protocol would let a tenant map the hosts
   * and ports around the operator.
   */
  static EngineException unreachable(DatabaseUrl url, String detail, Throwable failure) {
    return new EngineException(
        FailureKind.UNREACHABLE,
        "Cannot reach the database at "
            + url.redacted()
            + ": "
            + (url.strict() && !serverAnswered(failure)
                ? TENANT_UNREACHABLE
                : plain(url, detail, failure))
            + "; check that it runs and that host and port are right",
        failure);
  }

  /**
   * The driver's detail in words: a host name alone says nothing, and a read that timed out on a
   * MySQL or MariaDB URL is a server of another kind on that port, which never sends the greeting
   * the driver waits for (PostgreSQL's waits for the client to speak first).
   */
  private static String plain(DatabaseUrl url, String detail, Throwable failure) {
    if (FailureClassifier.find(failure, java.net.UnknownHostException.class) != null) {
      return "unknown host " + detail;
    }
    java.net.SocketTimeoutException timeout =
        FailureClassifier.find(failure, java.net.SocketTimeoutException.class);
    if (timeout != null
        && (url.kind() == DatabaseKind.MYSQL || url.kind() == DatabaseKind.MARIADB)
        && String.valueOf(timeout.getMessage())
            .toLowerCase(java.util.Locale.ROOT)
            .contains("read")) {
      return "a server accepted the connection but sent no MySQL/MariaDB greeting before the"
          + " connect timeout (is another kind of server on that port?)";
    }
    return detail;
  }

  /**
   * True when a database server answered in its own protocol (a database that does not exist, say),
   * which tells nothing about other ports: an SQL state outside class 08 (connection exception).
   */
  private static boolean serverAnswered(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && !sql.getSQLState().isEmpty()
          && !sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  private static final String TENANT_UNREACHABLE =
      "no database server answered there (the connection was refused, timed out, or was not"
          + " answered as the URL's kind of database)";
}
