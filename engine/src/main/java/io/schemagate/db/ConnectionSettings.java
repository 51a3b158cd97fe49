package io.schemagate.db;

import java.time.Duration;

/**
 * How schemagate connects: how long to wait for a connection and how many to keep per target.
 *
 * @param connectTimeout how long to wait for the database to accept a connection
 * @param maxConnections connections one target's pool may hold (the lock holds one, Flyway two)
 */
public record ConnectionSettings(Duration connectTimeout, int maxConnections) {
  /** The connect timeout's default, as the command line writes it. */
  public static final String DEFAULT_CONNECT_TIMEOUT = "10s";

  public static final ConnectionSettings DEFAULT =
      new ConnectionSettings(
          Duration.parse("PT" + DEFAULT_CONNECT_TIMEOUT.toUpperCase(java.util.Locale.ROOT)), 4);

  public ConnectionSettings {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (maxConnections < 3) {
      throw new IllegalArgumentException("maxConnections must be at least 3");
    }
  }
}
