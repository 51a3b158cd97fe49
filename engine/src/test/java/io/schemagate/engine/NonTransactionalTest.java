package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL statements that cannot run in a transaction: they complete under schemagate's locks
 * (its own sessions hold no transaction they could wait for), a wait for another session is bounded
 * and names it, and what an interrupted one leaves behind is told as it is.
 */
class NonTransactionalTest {
  private static final String ORDERS =
      "CREATE TABLE orders (id bigserial PRIMARY KEY, customer text NOT NULL);"
          + " INSERT INTO orders (customer) SELECT 'c' || g FROM generate_series(1, 200) g;";
  private static final String INDEX =
      "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);";

  private static Bundle bundle(String... namesAndTexts) {
    return Bundles.of(namesAndTexts);
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle, SessionLimits limits) {
    EngineSettings settings = new EngineSettings.Builder().limits(limits).build();
    return MigrationEngine.open(db.parsed(), bundle, settings, ConnectionSettings.DEFAULT);
  }

  @Test
  void concurrentIndexesCompleteWithoutWaitingForSchemagatesOwnSessions() throws SQLException {
    TestDatabase db = Databases.postgres();
    Bundle bundle =
        bundle(
            "V1__orders.sql",
            ORDERS,
            "V2__index.sql",
            INDEX,
            "V3__vacuum.sql",
            "VACUUM ANALYZE orders;",
            "V4__reindex.sql",
            "REINDEX INDEX CONCURRENTLY orders_customer;",
            // Flyway 12.4 does not recognise REINDEX CONCURRENTLY by itself.
            "V4__reindex.sql.conf",
            "executeInTransaction=false");
    // A lock wait timeout of one second: had the index waited for a session of schemagate's own,
    // this would fail instead of completing.
    try (MigrationEngine engine =
        open(db, bundle, new SessionLimits(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))) {
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("4");
    }
    assertThat(
            db.queryOne(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer'::regclass"))
        .isEqualTo(true);
  }

  @Test
  void aWaitForAnotherSessionIsBoundedAndNamesIt() throws SQLException {
    TestDatabase db = Databases.postgres();
    try (MigrationEngine engine = open(db, bundle("V1__orders.sql", ORDERS), SessionLimits.NONE)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    try (Connection reader = db.connect();
        Statement statement = reader.createStatement()) {
      statement.execute("SET application_name = 'report-job'");
      reader.setAutoCommit(false);
      statement.executeQuery("SELECT count(*) FROM orders").close();
      Bundle withIndex = bundle("V1__orders.sql", ORDERS, "V2__index.sql", INDEX);
      try (MigrationEngine engine =
          open(
              db,
              withIndex,
              new SessionLimits(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))) {
        EngineException failure =
            catchThrowableOfType(
                EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
        assertThat(failure.kind()).isEqualTo(FailureKind.LOCK_WAIT_TIMEOUT);
        assertThat(failure.getMessage())
            .contains("V2__index.sql")
            .contains("report-job")
            .contains("It ran outside a transaction")
            .doesNotContain("rolled back")
            .contains("public.orders_customer INVALID")
            .contains("DROP INDEX CONCURRENTLY public.orders_customer");
      }
      reader.rollback();
    }
  }

  @Test
  void theRunAfterAnInterruptedConcurrentIndexSaysWhatWasLeftBehind() throws Exception {
    TestDatabase db = Databases.postgres();
    try (MigrationEngine engine = open(db, bundle("V1__orders.sql", ORDERS), SessionLimits.NONE)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    leaveAnInterruptedIndex(db);

    Bundle withIndex = bundle("V1__orders.sql", ORDERS, "V2__index.sql", INDEX);
    try (MigrationEngine engine = open(db, withIndex, SessionLimits.NONE)) {
      EngineException failure =
          catchThrowableOfType(
              EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(failure.kind()).isEqualTo(FailureKind.MIGRATION_FAILED);
      assertThat(failure.getMessage())
          .contains("already exists")
          .contains("It ran outside a transaction")
          .doesNotContain("rolled back")
          .contains("PostgreSQL marks the index public.orders_customer INVALID")
          .contains("DROP INDEX CONCURRENTLY public.orders_customer");
      // The failed row that Flyway keeps for a script run outside a transaction is reported next.
      assertThat(engine.inspect().status().failed())
          .singleElement()
          .satisfies(row -> assertThat(row.script()).isEqualTo("V2__index.sql"));
    }
  }

  /**
   * What a process killed during {@code CREATE INDEX CONCURRENTLY} leaves: the statement waits for
   * an open transaction, is cancelled there, and its half-built index stays, INVALID.
   */
  private static void leaveAnInterruptedIndex(TestDatabase db) throws Exception {
    try (Connection reader = db.connect();
        Statement read = reader.createStatement();
        Connection builder = db.connect();
        Statement build = builder.createStatement()) {
      reader.setAutoCommit(false);
      read.executeQuery("SELECT count(*) FROM orders").close();
      build.execute("SET application_name = 'interrupted-index'");
      CompletableFuture<Void> running =
          CompletableFuture.runAsync(
              () -> {
                try {
                  build.execute(INDEX);
                } catch (SQLException expected) {
                  // cancelled below
                }
              });
      db.awaitCount(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'interrupted-index'"
              + " AND wait_event_type = 'Lock'",
          n -> n == 1,
          Duration.ofSeconds(60));
      try (Statement cancel = reader.createStatement()) {
        cancel.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'interrupted-index'");
      }
      running.join();
      reader.rollback();
    }
    assertThat(
            db.queryOne(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer'::regclass"))
        .isEqualTo(false);
  }
}
