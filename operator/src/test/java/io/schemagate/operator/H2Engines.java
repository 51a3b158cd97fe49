package io.schemagate.operator;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine seam of synchronous reconciles: each resource's database is an H2 database in memory
 * (a real engine on a real database, in milliseconds), whatever URL the resource names; a test can
 * run something just before an engine call (another run moving the history between observe and act)
 * or make a call fail, and sees which calls a reconcile made.
 */
final class H2Engines implements TargetEngine.Opener, AutoCloseable {
  /** What a test does just before an engine call of a reconcile. */
  @FunctionalInterface
  interface Hook {
    void run(MigrationEngine other) throws Exception;
  }

  private final Map<String, TestDatabase> databases = new HashMap<>();
  private final Map<String, HikariDataSource> pools = new HashMap<>();
  private final List<Connection> keepers = new ArrayList<>();
  private final Map<String, Hook> before = new HashMap<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private Bundle lastBundle;
  private EngineSettings lastSettings;

  /** The database of the resource {@code namespace/name}, made on first use. */
  synchronized TestDatabase database(String key) {
    return databases.computeIfAbsent(
        key,
        k -> {
          TestDatabase db = Databases.h2();
          try {
            // An H2 database in memory lives as long as a connection to it.
            keepers.add(db.connect());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          return db;
        });
  }

  /** Runs {@code hook} once, with an engine of its own on the same database and bundle. */
  synchronized void before(String method, Hook hook) {
    before.put(method, hook);
  }

  /** Makes the next call of {@code method} throw {@code failure}. */
  synchronized void fail(String method, RuntimeException failure) {
    failures.put(method, failure);
  }

  /** The engine calls made since the last {@link #clearCalls}, by method name. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized void clearCalls() {
    calls.clear();
  }

  @Override
  public synchronized TargetEngine open(
      String key, DatabaseUrl ignored, Bundle bundle, EngineSettings settings) {
    DatabaseUrl url = database(key).parsed();
    HikariDataSource pool =
        pools.computeIfAbsent(
            key, k -> ConnectionPools.open(url, ConnectionSettings.DEFAULT, Duration.ofSeconds(5)));
    lastBundle = bundle;
    lastSettings = settings;
    TargetEngine real =
        TargetEngine.over(new MigrationEngine(url, pool, bundle, settings), () -> {});
    return (TargetEngine)
        Proxy.newProxyInstance(
            TargetEngine.class.getClassLoader(),
            new Class<?>[] {TargetEngine.class},
            (proxy, method, args) -> {
              Hook hook;
              RuntimeException failure;
              synchronized (this) {
                calls.add(method.getName());
                hook = before.remove(method.getName());
                failure = failures.remove(method.getName());
              }
              if (hook != null) {
                try (MigrationEngine other =
                    new MigrationEngine(url, pool, lastBundle, lastSettings)) {
                  hook.run(other);
                }
              }
              if (failure != null) {
                throw failure;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public synchronized void close() throws SQLException {
    pools.values().forEach(HikariDataSource::close);
    for (Connection keeper : keepers) {
      keeper.close();
    }
  }
}
