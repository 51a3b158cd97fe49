package io.schemagate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens one HikariCP pool per migration target. */
public final class ConnectionPools {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private ConnectionPools() {}

  /**
   * Opens a pool and checks it can connect, so a wrong host or password fails here, at once.
   *
   * @param lockWait how long SQLite waits for a file another program is writing
   * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException when it cannot connect
   */
  public static HikariDataSource open(
      DatabaseUrl url, ConnectionSettings settings, Duration lockWait) {
    return open(url, settings, lockWait, true);
  }

  /**
   * Opens a pool that connects only when first asked for a connection, so creating it never waits
   * on the database (the operator creates pools while other resources wait for them).
   */
  public static HikariDataSource openLazily(
      DatabaseUrl url, ConnectionSettings settings, Duration lockWait) {
    return open(url, settings, lockWait, false);
  }

  private static HikariDataSource open(
      DatabaseUrl url, ConnectionSettings settings, Duration lockWait, boolean failFast) {
    url.prepare();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    url.user().ifPresent(config::setUsername);
    url.password().ifPresent(config::setPassword);
    // The pool name shows up in logs and thread names: never derive it from the URL.
    config.setPoolName("schemagate-" + SEQUENCE.incrementAndGet());
    config.setMaximumPoolSize(settings.maxConnections());
    config.setMinimumIdle(0);
    config.setIdleTimeout(60_000);
    config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
    config.setInitializationFailTimeout(failFast ? 1 : -1);
    long millis = settings.connectTimeout().toMillis();
    switch (url.kind()) {
      case POSTGRESQL -> {
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, millis / 1000)));
        config.addDataSourceProperty("ApplicationName", "schemagate");
      }
      case MYSQL, MARIADB -> config.addDataSourceProperty("connectTimeout", String.valueOf(millis));
      case SQLITE -> {
        // Another process writing the file makes SQLite answer "busy": wait as long as for any
        // other lock first. Foreign keys stay at SQLite's default (off): with them on, Flyway's
        // clean silently leaves every table in place.
        config.addDataSourceProperty("busy_timeout", String.valueOf(lockWait.toMillis()));
      }
      case H2 -> {
        // H2 has no dedicated property; its lock timeout is set on the URL when wanted.
      }
    }
    return new HikariDataSource(config);
  }
}
