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
 * @param maxConnections connections each shared pool may hold; 0 for three per reconcile thread
 * @param gate run the rollout gate, which releases pods waiting for a schema version
 */
public record OperatorSettings(
    List<String> namespaces,
    int reconcileThreads,
    Duration recheckInterval,
    Duration retryMin,
    Duration retryMax,
    Duration lockTimeout,
    Duration connectTimeout,
    int maxConnections,
    boolean gate) {
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
        0,
        true);
  }

  /**
   * The size of one target's shared pool. A migration holds up to three connections at once (the
   * lock, Flyway's and its history's), so fewer than three per thread would let resources on one
   * database starve each other.
   */
  public int connectionsPerTarget() {
    return maxConnections > 0 ? Math.max(3, maxConnections) : 3 * reconcileThreads;
  }
}
