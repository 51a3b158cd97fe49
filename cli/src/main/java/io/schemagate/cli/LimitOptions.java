package io.schemagate.cli;

import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.BundleLimits;
import io.schemagate.engine.api.HistoryLimits;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The limits a run keeps, as options every command takes: how long a statement, a lock wait and the
 * whole run may take, and how large a bundle and a history table may be.
 */
final class LimitOptions {
  @Option(
      names = "--statement-timeout",
      scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description =
          "How long one statement may run before the database cancels it (PostgreSQL"
              + " statement_timeout, MariaDB max_statement_time; env SCHEMAGATE_STATEMENT_TIMEOUT;"
              + " default: none; operator: 30m).")
  Duration statementTimeout;

  @Option(
      names = "--lock-wait-timeout",
      scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description =
          "How long a statement may wait for a table or row lock another session holds"
              + " (PostgreSQL lock_timeout, MySQL/MariaDB lock_wait_timeout; env"
              + " SCHEMAGATE_LOCK_WAIT_TIMEOUT; default: none; operator: 10s).")
  Duration lockWaitTimeout;

  @Option(
      names = "--deadline",
      scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description =
          "How long one upgrade, downgrade or reset may take in all; then its statement is"
              + " cancelled on the server (env SCHEMAGATE_DEADLINE; default: none; operator: 1h).")
  Duration deadline;

  @Option(
      names = "--max-bundle-scripts",
      scope = ScopeType.INHERIT,
      description = "Files one bundle may hold (default 10000).")
  Integer maxBundleScripts;

  @Option(
      names = "--max-bundle-size",
      scope = ScopeType.INHERIT,
      converter = SizeConverter.class,
      description = "Size of all files of one bundle together, e.g. 32Mi (default 32Mi).")
  Long maxBundleBytes;

  @Option(
      names = "--max-script-size",
      scope = ScopeType.INHERIT,
      converter = SizeConverter.class,
      description = "Size of one script, e.g. 5Mi (default 5Mi).")
  Long maxScriptBytes;

  @Option(
      names = "--max-history-rows",
      scope = ScopeType.INHERIT,
      description =
          "Rows of the history table schemagate reads; a larger table is refused before it is"
              + " read (default 20000).")
  Long maxHistoryRows;

  @Option(
      names = "--max-history-size",
      scope = ScopeType.INHERIT,
      converter = SizeConverter.class,
      description =
          "Text of all the history table's rows together, e.g. 4Mi; a larger table is refused"
              + " before it is read (default 4Mi).")
  Long maxHistoryBytes;

  /** The time limits the options ask for; none where an option is not given. */
  SessionLimits limits() {
    return new SessionLimits(
        statementTimeout == null ? Duration.ZERO : statementTimeout,
        lockWaitTimeout == null ? Duration.ZERO : lockWaitTimeout,
        deadline == null ? Duration.ZERO : deadline);
  }

  /** The bundle limits the options ask for, over {@link BundleLimits#DEFAULT}. */
  BundleLimits bundleLimits() {
    BundleLimits defaults = BundleLimits.DEFAULT;
    return new BundleLimits(
        maxBundleScripts == null ? defaults.maxScripts() : maxBundleScripts,
        maxBundleBytes == null ? defaults.maxTotalBytes() : maxBundleBytes,
        maxScriptBytes == null ? defaults.maxScriptBytes() : maxScriptBytes);
  }

  /** The history limits the options ask for, over {@link HistoryLimits#DEFAULT}. */
  HistoryLimits historyLimits() {
    HistoryLimits defaults = HistoryLimits.DEFAULT;
    return new HistoryLimits(
        maxHistoryRows == null ? defaults.maxRows() : maxHistoryRows,
        maxHistoryBytes == null ? defaults.maxTextBytes() : maxHistoryBytes);
  }
}
