package io.schemagate.db;

import java.time.Duration;

/**
 * Time limits for one run against a database: how long one statement may run, how long it may wait
 * for a lock another session holds, and how long the whole run may take before schemagate cancels
 * it on the server. Zero means no limit.
 *
 * @param statementTimeout PostgreSQL {@code statement_timeout}, MariaDB {@code max_statement_time},
 *     MySQL {@code max_execution_time} (SELECT only), H2 {@code QUERY_TIMEOUT}
 * @param lockWaitTimeout PostgreSQL {@code lock_timeout}, MySQL and MariaDB {@code
 *     lock_wait_timeout} (metadata locks) and {@code innodb_lock_wait_timeout} (row locks), H2
 *     {@code LOCK_TIMEOUT}
 * @param deadline the whole run, measured by schemagate: a script can change its own session's
 *     limits, but not this one
 */
public record SessionLimits(
    Duration statementTimeout, Duration lockWaitTimeout, Duration deadline) {
  public static final SessionLimits NONE =
      new SessionLimits(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public SessionLimits {
    for (Duration d : new Duration[] {statementTimeout, lockWaitTimeout, deadline}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("time limits must be zero (none) or positive");
      }
    }
  }

  public boolean hasStatementTimeout() {
    return !statementTimeout.isZero();
  }

  public boolean hasLockWaitTimeout() {
    return !lockWaitTimeout.isZero();
  }

  public boolean hasDeadline() {
    return !deadline.isZero();
  }
}
