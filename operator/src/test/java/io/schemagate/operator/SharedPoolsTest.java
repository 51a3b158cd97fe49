package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pools are shared per target and closed when no resource uses them. */
class SharedPoolsTest {
  private static final DatabaseUrl ONE = DatabaseUrl.parse("h2:mem:pools_one");
  private static final DatabaseUrl TWO = DatabaseUrl.parse("h2:mem:pools_two");

  @Test
  void sharesPerTargetAndClosesWhenUnused() {
    try (SharedPools pools =
        new SharedPools(ConnectionSettings.DEFAULT, Duration.ofSeconds(1), Duration.ofHours(1))) {
      HikariDataSource first = pools.acquire("apps/a", ONE);
      assertThat(pools.acquire("apps/b", ONE)).isSameAs(first);
      assertThat(pools.size()).isEqualTo(1);

      HikariDataSource second = pools.acquire("apps/a", TWO);
      assertThat(second).isNotSameAs(first);
      assertThat(first.isClosed()).isFalse();
      pools.acquire("apps/b", TWO);
      assertThat(first.isClosed()).isTrue();
      assertThat(pools.size()).isEqualTo(1);

      pools.release("apps/a");
      assertThat(second.isClosed()).isFalse();
      pools.release("apps/b");
      assertThat(second.isClosed()).isTrue();
      assertThat(pools.size()).isZero();
    }
  }

  @Test
  void closesPoolsLeftIdleByDeletedResources() {
    AtomicLong now = new AtomicLong();
    try (SharedPools pools = idleAfterAnHour(now)) {
      HikariDataSource orphan = pools.acquire("apps/deleted", ONE);
      pools.finished(ONE);
      now.addAndGet(HOUR_AND_A_SECOND);
      pools.acquire("apps/other", TWO);
      assertThat(orphan.isClosed()).isTrue();
      assertThat(pools.size()).isEqualTo(1);
    }
  }

  @Test
  void aPoolInUseOrWithAConnectionCheckedOutIsNeverClosedAsIdle() throws Exception {
    DatabaseUrl three = DatabaseUrl.parse("h2:mem:pools_three");
    AtomicLong now = new AtomicLong();
    try (SharedPools pools = idleAfterAnHour(now)) {
      // A reconcile runs a long migration: it acquired the pool and has not finished.
      HikariDataSource running = pools.acquire("apps/long", ONE);
      // Another reconcile finished with its pool, but its connection is still checked out.
      HikariDataSource checkedOut = pools.acquire("apps/other", TWO);
      pools.finished(TWO);
      try (java.sql.Connection held = checkedOut.getConnection()) {
        now.addAndGet(HOUR_AND_A_SECOND);
        pools.acquire("apps/third", three);
        assertThat(running.isClosed()).isFalse();
        assertThat(checkedOut.isClosed()).isFalse();
        assertThat(held.isValid(1)).isTrue();
      }
      pools.finished(ONE);
      now.addAndGet(HOUR_AND_A_SECOND);
      pools.acquire("apps/third", three);
      assertThat(running.isClosed()).isTrue();
      assertThat(checkedOut.isClosed()).isTrue();
    }
  }

  private static final long HOUR_AND_A_SECOND = Duration.ofHours(1).plusSeconds(1).toNanos();

  /** Pools idle for an hour close; {@code now} is the clock, moved by the test. */
  private static SharedPools idleAfterAnHour(AtomicLong now) {
    return new SharedPools(
        ConnectionSettings.DEFAULT, Duration.ofSeconds(1), Duration.ofHours(1), now::get);
  }
}
