package io.schemagate.operator;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One bounded connection pool per database target, shared by every resource that points at it. A
 * pool closes when no resource uses it any more: when its last resource moves to another target,
 * or, for resources deleted while the operator was elsewhere, after it sat unused for the idle
 * limit. A pool that a reconcile is using ({@link #acquire} until {@link #finished}), or that has a
 * connection checked out, is never closed as idle: a migration may run for hours.
 */
final class SharedPools implements AutoCloseable {
  private final ConnectionSettings settings;
  private final Duration lockWait;
  private final Duration idleLimit;
  private final LongSupplier clock;
  private final Map<DatabaseUrl, Entry> pools = new HashMap<>();
  private final Map<String, DatabaseUrl> byResource = new HashMap<>();

  private static final class Entry {
    final HikariDataSource pool;
    long lastUsed;
    int users;

    Entry(HikariDataSource pool) {
      this.pool = pool;
    }
  }

  SharedPools(ConnectionSettings settings, Duration lockWait, Duration idleLimit) {
    this(settings, lockWait, idleLimit, System::nanoTime);
  }

  /** With {@code clock} in nanoseconds, so that a test moves time instead of waiting for it. */
  SharedPools(
      ConnectionSettings settings, Duration lockWait, Duration idleLimit, LongSupplier clock) {
    this.settings = settings;
    this.lockWait = lockWait;
    this.idleLimit = idleLimit;
    this.clock = clock;
  }

  /** The pool for {@code url}, recorded as used by {@code resource}. */
  synchronized HikariDataSource acquire(String resource, DatabaseUrl url) {
    closeIdle();
    DatabaseUrl previous = byResource.put(resource, url);
    Entry entry = pools.get(url);
    if (entry == null) {
      entry = new Entry(ConnectionPools.openLazily(url, settings, lockWait));
      pools.put(url, entry);
    }
    entry.lastUsed = clock.getAsLong();
    entry.users++;
    if (previous != null && !previous.equals(url)) {
      closeIfUnused(previous);
    }
    return entry.pool;
  }

  /** A reconcile that {@link #acquire}d the pool of {@code url} is done with it. */
  synchronized void finished(DatabaseUrl url) {
    Entry entry = pools.get(url);
    if (entry != null) {
      entry.users = Math.max(0, entry.users - 1);
      entry.lastUsed = clock.getAsLong();
    }
  }

  /** Forgets a resource; its pool closes when no other resource uses it. */
  synchronized void release(String resource) {
    DatabaseUrl url = byResource.remove(resource);
    if (url != null) {
      closeIfUnused(url);
    }
  }

  synchronized int size() {
    return pools.size();
  }

  private void closeIfUnused(DatabaseUrl url) {
    if (!byResource.containsValue(url)) {
      Entry entry = pools.remove(url);
      if (entry != null) {
        entry.pool.close();
      }
    }
  }

  private void closeIdle() {
    long now = clock.getAsLong();
    pools
        .entrySet()
        .removeIf(
            e -> {
              if (now - e.getValue().lastUsed > idleLimit.toNanos() && !busy(e.getValue())) {
                byResource.values().removeIf(e.getKey()::equals);
                e.getValue().pool.close();
                return true;
              }
              return false;
            });
  }

  private static boolean busy(Entry entry) {
    if (entry.users > 0) {
      return true;
    }
    var pool = entry.pool.getHikariPoolMXBean();
    return pool != null && pool.getActiveConnections() > 0;
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(e -> e.pool.close());
    pools.clear();
    byResource.clear();
  }
}
