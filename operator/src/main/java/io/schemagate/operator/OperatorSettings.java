package io.schemagate.operator;

import java.time.Duration;
import java.util.List;

/**
 * How the operator runs.
 *
 * @param namespaces namespaces to watch; empty for all
 * @param reconcileThreads resources reconciled at once
 * @param recheckInterval how often a resource at its target is checked again for outside drift
 * @param retryMin first wait after a transient failure (doubled after each further one)
 * @param retryMax longest wait between retries of a transient failure
 * @param lockTimeout how long a reconcile waits for another migration of the same database
 * @param connectTimeout how long to wait for a database connection
 * @param maxConnections connections each shared pool may hold
 */
public record OperatorSettings(
    List<String> namespaces,
    int reconcileThreads,
    Duration recheckInterval,
    Duration retryMin,
    Duration retryMax,
    Duration lockTimeout,
    Duration connectTimeout,
    int maxConnections) {
  public OperatorSettings {
    namespaces = List.copyOf(namespaces);
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException("reconcile threads must be at least 1");
    }
  }

  /** Ten threads, a ten-minute re-check, retries from 5 s up to 5 min. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(
        List.of(),
        10,
        Duration.ofMinutes(10),
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        4);
  }
}
