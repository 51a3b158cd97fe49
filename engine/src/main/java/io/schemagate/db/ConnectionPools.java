package io.schemagate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens one HikariCP pool per migration target, with the driver properties its URL demands. */
public final class ConnectionPools {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** Housekeeping (idle eviction, keep-alive) of all pools; the thread never stops the JVM. */
  private static final ScheduledThreadPoolExecutor HOUSEKEEPING = housekeeping();

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

  /**
   * One connection outside every pool, with the same driver properties: what stops a run's
   * statements must not wait for a pool that the run itself has exhausted.
   */
  public static Connection connectDirectly(DatabaseUrl url, Duration connectTimeout)
      throws SQLException {
    Properties properties = new Properties();
    properties.putAll(url.driverProperties(connectTimeout));
    url.user().ifPresent(user -> properties.setProperty("user", user));
    url.password().ifPresent(password -> properties.setProperty("password", password));
    return DriverManager.getConnection(url.jdbcUrl(), properties);
  }

  private static ScheduledThreadPoolExecutor housekeeping() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "schemagate-pool-housekeeping");
              thread.setDaemon(true);
              return thread;
            });
    // A closed pool cancels its tasks; without this they would stay queued until their time.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
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
    // One housekeeping thread for every pool of the process, not one per pool.
    config.setScheduledExecutor(HOUSEKEEPING);
    url.driverProperties(settings.connectTimeout()).forEach(config::addDataSourceProperty);
    if (url.kind() == DatabaseKind.SQLITE) {
      // Another process writing the file makes SQLite answer "busy": wait as long as for any
      // other lock first. Foreign keys stay at SQLite's default (off): with them on, Flyway's
      // clean silently leaves every table in place.
      config.addDataSourceProperty("busy_timeout", String.valueOf(lockWait.toMillis()));
    }
    return new HikariDataSource(config);
  }
}
