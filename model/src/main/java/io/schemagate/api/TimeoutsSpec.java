package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Time limits of this resource's migrations; each defaults to the operator's and may not exceed the
 * operator's maximum.
 */
public class TimeoutsSpec {
  @JsonPropertyDescription(
      "How long one statement may run (PostgreSQL statement_timeout, MariaDB"
          + " max_statement_time), e.g. 30m. Default and maximum: the operator's"
          + " --statement-timeout and --max-statement-timeout.")
  public String statement;

  @JsonPropertyDescription(
      "How long a statement may wait for a lock another session holds (PostgreSQL lock_timeout,"
          + " MySQL/MariaDB lock_wait_timeout and innodb_lock_wait_timeout), e.g. 10s. A"
          + " migration waiting in a lock queue blocks the application's queries behind it, so"
          + " keep it short: a timed-out wait is retried with backoff.")
  public String lockWait;

  @JsonPropertyDescription(
      "How long one reconcile's migration run may take in all, e.g. 1h; past it the running"
          + " statement is cancelled on the server and the resource is Stalled with reason"
          + " DeadlineExceeded.")
  public String deadline;
}
