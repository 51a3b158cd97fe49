package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.Durations;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * The failures the database itself ends at a session limit: a lock wait past the lock wait timeout
 * and a statement past the statement timeout, told apart by each database's own codes, worded with
 * the limit and the script and line.
 */
final class TimeLimitFailures {
  private TimeLimitFailures() {}

  /** A lock wait or a statement that the database itself ended at its limit, or null. */
  static EngineException of(
      SQLException sql, Throwable failure, DatabaseUrl url, SessionLimits limits) {
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    String lower = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
    int code = sql.getErrorCode();
    boolean lockWait;
    switch (url.kind()) {
      case POSTGRESQL -> {
        if (state.equals("55P03")) {
          lockWait = true;
        } else if (state.equals("57014") && lower.contains("statement timeout")) {
          lockWait = false;
        } else {
          return null;
        }
      }
      case MYSQL, MARIADB -> {
        if (code == 1205) {
          lockWait = true;
        } else if (code == 1969 || code == 3024) {
          lockWait = false;
        } else {
          return null;
        }
      }
      case H2 -> {
        if (code == 50200) {
          lockWait = true;
        } else if (code == 57014) {
          lockWait = false;
        } else {
          return null;
        }
      }
      default -> {
        return null;
      }
    }
    FlywayMigrateException migrate = FailureClassifier.find(failure, FlywayMigrateException.class);
    String script =
        migrate == null || migrate.getMigration() == null
            ? null
            : migrate.getMigration().getScript();
    int line = migrate == null ? 0 : migrate.getLineNumber();
    StringBuilder message = new StringBuilder(script == null ? "A statement" : script);
    if (line > 0) {
      message.append(" (line ").append(line).append(')');
    }
    if (lockWait) {
      message
          .append(" waited longer than the lock wait timeout of ")
          .append(Durations.describe(limits.lockWaitTimeout()))
          .append(" for a lock another session holds on ")
          .append(url.redacted());
    } else {
      message
          .append(" ran longer than the statement timeout of ")
          .append(Durations.describe(limits.statementTimeout()))
          .append(" and was cancelled by the database");
    }
    message.append(" (").append(FailureClassifier.firstLine(sql.getMessage())).append(')');
    if (script != null) {
      message.append(FailureClassifier.leftBehind(url.kind(), failure));
    }
    return new EngineException(
        lockWait ? FailureKind.LOCK_WAIT_TIMEOUT : FailureKind.STATEMENT_TIMEOUT,
        message.toString(),
        script,
        line,
        failure);
  }
}
