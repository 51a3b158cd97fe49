package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import java.time.Duration;
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
  void closesPoolsLeftIdleByDeletedResources() throws Exception {
    try (SharedPools pools =
        new SharedPools(ConnectionSettings.DEFAULT, Duration.ofSeconds(1), Duration.ofMillis(50))) {
      HikariDataSource orphan = pools.acquire("apps/deleted", ONE);
      pools.finished(ONE);
      // Let the 50 ms idle limit pass: the time itself is what is tested.
      Thread.sleep(100);
      pools.acquire("apps/other", TWO);
      assertThat(orphan.isClosed()).isTrue();
      assertThat(pools.size()).isEqualTo(1);
    }
  }

  @Test
  void aPoolInUseOrWithAConnectionCheckedOutIsNeverClosedAsIdle() throws Exception {
    DatabaseUrl three = DatabaseUrl.parse("h2:mem:pools_three");
    try (SharedPools pools =
        new SharedPools(ConnectionSettings.DEFAULT, Duration.ofSeconds(1), Duration.ofMillis(50))) {
      // A reconcile runs a long migration: it acquired the pool and has not finished.
      HikariDataSource running = pools.acquire("apps/long", ONE);
      // Another reconcile finished with its pool, but its connection is still checked out.
      HikariDataSource checkedOut = pools.acquire("apps/other", TWO);
      pools.finished(TWO);
      try (java.sql.Connection held = checkedOut.getConnection()) {
        Thread.sleep(100);
        pools.acquire("apps/third", three);
        assertThat(running.isClosed()).isFalse();
        assertThat(checkedOut.isClosed()).isFalse();
        assertThat(held.isValid(1)).isTrue();
      }
      pools.finished(ONE);
      Thread.sleep(100);
      pools.acquire("apps/third", three);
      assertThat(running.isClosed()).isTrue();
      assertThat(checkedOut.isClosed()).isTrue();
    }
  }
}
