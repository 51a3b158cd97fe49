package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.LockTimeoutException;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.parser.PlaceholderReplacingReader;

/** Turns driver, pool and Flyway exceptions into an {@link EngineException} a person can act on. */
public final class FailureClassifier {
  // The reader that throws Flyway's placeholder error, which has no error code of its own.
  private static final String PLACEHOLDER_READER = PlaceholderReplacingReader.class.getName();

  private FailureClassifier() {}

  public static EngineException classify(Throwable failure, DatabaseUrl url) {
    return classify(failure, url, SessionLimits.NONE);
  }

  /**
   * Classifies a failure and replaces every secret the target knows in its message: drivers and
   * servers repeat what they were given (a failed cast shows the value, a misparsed URL the
   * password).
   */
  public static EngineException classify(Throwable failure, DatabaseUrl url, SessionLimits limits) {
    EngineException classified = raw(failure, url, limits);
    String message = url.secrets().redact(classified.getMessage());
    if (message.equals(classified.getMessage())) {
      return classified;
    }
    return new EngineException(
        classified.kind(), message, classified.script(), classified.line(), classified.getCause());
  }

  private static EngineException raw(Throwable failure, DatabaseUrl url, SessionLimits limits) {
    if (failure instanceof EngineException engine) {
      return engine;
    }
    if (failure instanceof LockTimeoutException locked) {
      return new EngineException(FailureKind.LOCKED, locked.getMessage(), locked);
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        EngineException timeout = TimeLimitFailures.of(sql, failure, url, limits);
        if (timeout != null) {
          return timeout;
        }
      }
    }
    if (failure instanceof io.schemagate.db.InvalidDatabaseUrlException invalid) {
      return new EngineException(FailureKind.INVALID_INPUT, invalid.getMessage(), invalid);
    }
    // Checked before migration failures: a lost connection or a busy SQLite file inside a
    // migration is an outage, not a broken script. Every SQLException of the chain counts, since
    // pools and Flyway wrap the driver's own.
    // Inside a script only the connection itself failing is an outage: any other error a
    // statement raised (a database it names that does not exist, say) is the script's, with its
    // line.
    boolean inScript = failure instanceof FlywayMigrateException;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        EngineException connection = ConnectionFailures.of(sql, failure, url, inScript);
        if (connection != null) {
          return connection;
        }
      }
    }
    if (failure instanceof FlywayMigrateException migrate) {
      return migrationFailed(migrate, url);
    }
    // Outside a script (where the failure names the script and line), a missing privilege is its
    // own case: the password was right, so "check the user and password" would mislead.
    SQLException denied = deniedIn(failure);
    if (denied != null) {
      return new EngineException(
          FailureKind.PERMISSION_DENIED,
          "User '"
              + url.user().orElse("(none)")
              + "' on "
              + url.redacted()
              + " lacks a privilege: "
              + firstLine(denied.getMessage())
              + "; grant it (the history table needs CREATE on its schema) or use a user that has"
              + " it",
          failure);
    }
    if (find(failure, ConnectException.class) != null
        || find(failure, UnknownHostException.class) != null
        || find(failure, NoRouteToHostException.class) != null
        || find(failure, SocketTimeoutException.class) != null) {
      return ConnectionFailures.unreachable(url, rootMessage(failure), failure);
    }
    if (failure instanceof FlywayValidateException validate) {
      return new EngineException(
          FailureKind.CHECKSUM_MISMATCH,
          "The history of "
              + url.redacted()
              + " does not match the bundle: "
              + validate.getMessage().strip(),
          validate);
    }
    FlywayException placeholder = unresolvedPlaceholder(failure);
    if (placeholder != null) {
      return new EngineException(
          FailureKind.INVALID_BUNDLE,
          firstLine(failure.getMessage())
              + ": define it (--placeholder, spec.flyway.placeholders) or escape it in the script",
          failure);
    }
    if (failure instanceof FlywayException flyway
        && flyway.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
      return new EngineException(
          FailureKind.REFUSED,
          io.schemagate.engine.api.Refusals.unmanaged(url.redacted(), java.util.Optional.empty()),
          flyway);
    }
    if (failure instanceof FlywayException flyway
        && String.valueOf(flyway.getMessage()).contains("Unable to determine schema")) {
      return new EngineException(
          FailureKind.INVALID_INPUT,
          url.redacted()
              + " names no database, so there is no schema for the history table: add it to the"
              + " URL (e.g. "
              + url.kind().name().toLowerCase(java.util.Locale.ROOT)
              + "://host:3306/app) or give the schema (--schema, spec.database.schemas)",
          flyway);
    }
    if (failure instanceof FlywayException flyway) {
      return new EngineException(FailureKind.INTERNAL, flyway.getMessage().strip(), flyway);
    }
    return new EngineException(
        FailureKind.INTERNAL,
        "Unexpected error on " + url.redacted() + ": " + rootMessage(failure),
        failure);
  }

  /**
   * PostgreSQL's insufficient_privilege, MySQL/MariaDB's access denied to a database (1044), to a
   * command or table (1142, 1143) or for want of a global privilege (1227).
   */
  static boolean permissionDenied(SQLException sql) {
    int code = sql.getErrorCode();
    return "42501".equals(sql.getSQLState())
        || code == 1044
        || code == 1142
        || code == 1143
        || code == 1227;
  }

  private static SQLException deniedIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && permissionDenied(sql)) {
        return sql;
      }
    }
    return null;
  }

  /**
   * Flyway gives this failure no error code of its own (it is {@link CoreErrorCode#ERROR}, wrapped
   * by the parser in another): it is known by the class that throws it, the reader that replaces
   * placeholders.
   */
  private static FlywayException unresolvedPlaceholder(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      StackTraceElement[] trace = t.getStackTrace();
      if (t instanceof FlywayException flyway
          && flyway.getErrorCode() == CoreErrorCode.ERROR
          && trace.length > 0
          && trace[0].getClassName().startsWith(PLACEHOLDER_READER)) {
        return flyway;
      }
    }
    return null;
  }

  /** What a migration stopped half-way leaves behind, as a sentence. */
  public static String leftBehind(DatabaseKind kind, Throwable failure) {
    boolean outside = ranOutsideTransaction(failure);
    if (kind.hasTransactionalDdl() && !outside) {
      return ". It was rolled back: nothing of it stays.";
    }
    return ". "
        + (outside
            ? NON_TRANSACTIONAL
            : (kind == DatabaseKind.H2 ? "H2" : "MySQL/MariaDB") + " cannot roll back DDL")
        + ", so statements of it before that one stay applied and a failed row stays in the"
        + " history: undo what it did, then run `repair`.";
  }

  private static final String NON_TRANSACTIONAL =
      "It ran outside a transaction (as Flyway runs CREATE INDEX CONCURRENTLY, VACUUM and"
          + " scripts with executeInTransaction=false)";

  /**
   * True when the failed migration of {@code failure} ran outside a transaction: Flyway decides
   * this per script from its statements and its {@code .conf}, so its own decision is read.
   */
  public static boolean ranOutsideTransaction(Throwable failure) {
    FlywayMigrateException migrate = find(failure, FlywayMigrateException.class);
    if (migrate == null || !(migrate.getMigration() instanceof MigrationInfoImpl info)) {
      return false;
    }
    ResolvedMigration resolved = info.getResolvedMigration();
    return resolved != null
        && resolved.getExecutor() != null
        && !resolved.getExecutor().canExecuteInTransaction();
  }

  private static EngineException migrationFailed(FlywayMigrateException e, DatabaseUrl url) {
    MigrationInfo migration = e.getMigration();
    String script = migration == null ? "(unknown script)" : migration.getScript();
    int line = e.getLineNumber();
    SQLException sql = find(e, SQLException.class);
    String reason = sql != null ? firstLine(sql.getMessage()) : firstLine(e.getMessage());
    StringBuilder message = new StringBuilder();
    message.append("Migration ").append(script).append(" failed");
    if (line > 0) {
      message.append(" at line ").append(line);
    }
    message.append(": ").append(reason);
    if (sql != null && sql.getSQLState() != null) {
      message.append(" (SQL state ").append(sql.getSQLState()).append(')');
    }
    if (url.kind().hasTransactionalDdl() && !ranOutsideTransaction(e)) {
      message.append(". It was rolled back; fix the script and upgrade again.");
    } else if (ranOutsideTransaction(e)) {
      message
          .append(". ")
          .append(NON_TRANSACTIONAL)
          .append(", so statements before the failing one stay applied and a failed row stays in")
          .append(" the history: fix the script (and undo what it did), then run `repair` and")
          .append(" upgrade again.");
    } else {
      message
          .append(". ")
          .append(url.kind() == DatabaseKind.H2 ? "H2" : "MySQL/MariaDB")
          .append(" cannot roll back DDL, so statements before the failing one stay applied and")
          .append(" a failed row stays in the history: fix the script (and undo what it did),")
          .append(" then run `repair` and upgrade again.");
    }
    return new EngineException(FailureKind.MIGRATION_FAILED, message.toString(), script, line, e);
  }

  public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : firstLine(message);
  }

  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String stripped = message.strip();
    int newline = stripped.indexOf('\n');
    return newline >= 0 ? stripped.substring(0, newline).strip() : stripped;
  }
}
