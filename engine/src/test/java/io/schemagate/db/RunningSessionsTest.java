package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sessions of one run, on a real PostgreSQL: a connection given back to a shared pool is no
 * longer the run's, and a stop that cannot reach the server still frees the run's thread.
 */
class RunningSessionsTest {
  @Test
  void aConnectionGivenBackToTheSharedPoolIsNoLongerTheRuns() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseUrl url = db.parsed();
    try (HikariDataSource pool =
        ConnectionPools.open(
            url, new ConnectionSettings(Duration.ofSeconds(10), 3), Duration.ZERO)) {
      GuardedDataSource first = new GuardedDataSource(pool, url, SessionLimits.NONE);
      RunningSessions run = first.begin("ran too long");
      try (Connection connection = first.getConnection()) {
        assertThat(run.held()).isEqualTo(1);
        assertThat(connection.isValid(1)).isTrue();
      }
      // The pool may hand the same session to another resource's run: this run's stop must not
      // reach it.
      assertThat(run.held()).isZero();
      GuardedDataSource second = new GuardedDataSource(pool, url, SessionLimits.NONE);
      RunningSessions other = second.begin("ran too long");
      try (Connection connection = second.getConnection()) {
        assertThat(other.held()).isEqualTo(1);
        assertThat(run.held()).isZero();
      }
      first.end(run);
      second.end(other);
    }
  }

  @Test
  void aStopThatCannotReachTheServerClosesTheRunsOwnConnectionsAtOnce() throws Exception {
    TestDatabase db = Databases.postgres();
    Connection connection = db.connect();
    String id = SessionControl.prepare(connection, DatabaseKind.POSTGRESQL, SessionLimits.NONE);
    // The script locked the operator out (CONNECTION LIMIT 0, a new password): no control session.
    RunningSessions run =
        new RunningSessions(
            DatabaseKind.POSTGRESQL,
            () -> {
              throw new SQLException("too many connections for database");
            });
    run.add(connection, id);
    CompletableFuture<String> statement =
        CompletableFuture.supplyAsync(
            () -> {
              try (Statement sleep = connection.createStatement()) {
                sleep.execute("SELECT pg_sleep(600)");
                return "finished";
              } catch (SQLException e) {
                return "stopped: " + e.getMessage();
              }
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "active".equals(state(db, id)) || statement.isDone());

    run.stop(RunningSessions.Stop.DEADLINE, "ran longer than its deadline of 1s");

    // Ten minutes of sleep end within the wait: only the abort can have ended them.
    assertThat(statement.get(60, TimeUnit.SECONDS)).startsWith("stopped: ");
    assertThat(run.serverReached()).isFalse();
    assertThat(connection.isClosed()).isTrue();
    run.finish();
  }

  private static String state(TestDatabase db, String pid) throws SQLException {
    try (Connection control = db.connect();
        Statement query = control.createStatement();
        var rs = query.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
