package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseKind;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every session of a run is bounded: a lock wait ends at the lock wait timeout naming the session
 * that holds the lock, a long statement at the statement timeout, and a whole run at its deadline,
 * cancelled on the server even when the script lifts its own session's limits. No statement is left
 * running afterwards.
 */
class TimeLimitsTest {
  private static final String SLEEPING_PG =
      "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3600)%'"
          + " AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()";
  private static final String ALTERING_MARIADB =
      "SELECT COUNT(*) FROM information_schema.processlist"
          + " WHERE info LIKE 'ALTER TABLE held%' AND id <> CONNECTION_ID() AND db = DATABASE()";

  static Stream<TestDatabase> servers() {
    return Stream.of(Databases.postgres(), Databases.mariadbOrPlaceholder());
  }

  private static Bundle bundle(String... namesAndTexts) {
    return Bundles.of(namesAndTexts);
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle, SessionLimits limits) {
    Databases.assumeAvailable(db);
    return MigrationEngine.open(
        db.parsed(),
        bundle,
        new EngineSettings.Builder().limits(limits).build(),
        ConnectionSettings.DEFAULT);
  }

  private static EngineException failure(Runnable action) {
    return catchThrowableOfType(EngineException.class, action::run);
  }

  private static long sessionId(Connection connection, DatabaseKind kind) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                kind == DatabaseKind.POSTGRESQL
                    ? "SELECT pg_backend_pid()"
                    : "SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A session of the test holding a lock on {@code table} until closed: PostgreSQL's weakest table
   * lock, MariaDB's row locks (and with them the table's metadata lock).
   */
  private static Connection holdLock(TestDatabase db, String table) throws Exception {
    Connection blocker = db.connect();
    blocker.setAutoCommit(false);
    try (Statement statement = blocker.createStatement()) {
      statement.execute(
          db.kind() == DatabaseKind.POSTGRESQL
              ? "LOCK TABLE " + table + " IN ACCESS SHARE MODE"
              : "SELECT * FROM " + table + " FOR UPDATE");
    }
    return blocker;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aLockWaitEndsAtItsTimeoutNamingTheSessionThatHoldsTheLock(TestDatabase db) throws Exception {
    Bundle bundle =
        bundle(
            "V1__create.sql",
            "CREATE TABLE busy (id INT PRIMARY KEY);\nINSERT INTO busy VALUES (1);\n",
            "V2__widen.sql",
            "ALTER TABLE busy ADD COLUMN extra INT;\n");
    SessionLimits limits =
        new SessionLimits(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
    try (MigrationEngine engine = open(db, bundle, limits)) {
      engine.upgrade("1", MigrationListener.NONE);
      try (Connection blocker = holdLock(db, "busy")) {
        long holder = sessionId(blocker, db.kind());
        EngineException locked = failure(() -> engine.upgrade(null, MigrationListener.NONE));
        assertThat(locked.kind()).isEqualTo(FailureKind.LOCK_WAIT_TIMEOUT);
        assertThat(locked.script()).isEqualTo("V2__widen.sql");
        assertThat(locked.getMessage())
            .contains("waited longer than the lock wait timeout of 1 s")
            .contains("likely held by session " + holder);
        if (db.kind() == DatabaseKind.POSTGRESQL) {
          assertThat(locked.getMessage()).contains("rolled back").contains("public.busy");
          assertThat(
                  db.queryOne(
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND application_name = 'schemagate'")
                      .toString())
              .isEqualTo("0");
        } else {
          // Nothing of the script had run, so its failed row is gone and a retry can apply it.
          assertThat(locked.getMessage()).contains("removed its failed row");
          assertThat(engine.inspect().status().failed()).isEmpty();
        }
        blocker.rollback();
      }
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("2");
    }
  }

  @Test
  void aStatementEndsAtTheStatementTimeoutAndIsRolledBack() {
    TestDatabase db = Databases.postgres();
    Bundle bundle =
        bundle("V1__slow.sql", "CREATE TABLE kept_out (id INT);\nSELECT pg_sleep(30);\n");
    SessionLimits limits =
        new SessionLimits(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1));
    try (MigrationEngine engine = open(db, bundle, limits)) {
      EngineException slow = failure(() -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(slow.kind()).isEqualTo(FailureKind.STATEMENT_TIMEOUT);
      assertThat(slow.getMessage())
          .contains("V1__slow.sql (line 2) ran longer than the statement timeout of 1 s")
          .contains("rolled back");
      assertThat(engine.inspect().status().currentVersion()).isNull();
    }
  }

  /**
   * A migration that runs until stopped: PostgreSQL sleeps; MariaDB waits for the test's lock (a
   * killed SLEEP() there just returns, while a killed DDL fails, as it should).
   */
  private static Bundle stuckBundle(TestDatabase db, boolean liftLimits) {
    boolean postgres = db.kind() == DatabaseKind.POSTGRESQL;
    String lift =
        !liftLimits
            ? ""
            : postgres
                ? "SET statement_timeout = 0;\n"
                : "SET SESSION max_statement_time = 0, lock_wait_timeout = 31536000;\n";
    return bundle(
        "V1__create.sql",
        "CREATE TABLE held (id INT PRIMARY KEY);\nINSERT INTO held VALUES (1);\n",
        "V2__stuck.sql",
        lift + (postgres ? "SELECT pg_sleep(3600);\n" : "ALTER TABLE held ADD COLUMN c INT;\n"));
  }

  private static String stuckStatements(TestDatabase db) {
    return db.kind() == DatabaseKind.POSTGRESQL ? SLEEPING_PG : ALTERING_MARIADB;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void theDeadlineCancelsTheStatementOnTheServerEvenWhenTheScriptLiftsItsLimits(TestDatabase db)
      throws Exception {
    // The deadline counts from the start of the run: it leaves the run's few hundred
    // milliseconds of set-up far behind, so it always meets V2 waiting for the lock.
    SessionLimits limits =
        new SessionLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5));
    try (MigrationEngine engine = open(db, stuckBundle(db, true), limits)) {
      engine.upgrade("1", MigrationListener.NONE);
      try (Connection blocker = holdLock(db, "held")) {
        EngineException late = failure(() -> engine.upgrade(null, MigrationListener.NONE));
        assertThat(late.kind()).isEqualTo(FailureKind.DEADLINE_EXCEEDED);
        assertThat(late.script()).isEqualTo("V2__stuck.sql");
        assertThat(late.getMessage())
            .contains("ran longer than its deadline of 5 s")
            .contains("V2__stuck.sql was cancelled on the server");
        db.awaitCount(stuckStatements(db), n -> n == 0, Duration.ofSeconds(10));
        blocker.rollback();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void cancelStopsARunningMigrationOnTheServerAndRefusesLaterChanges(TestDatabase db)
      throws Exception {
    SessionLimits limits =
        new SessionLimits(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(2));
    try (MigrationEngine engine = open(db, stuckBundle(db, false), limits)) {
      engine.upgrade("1", MigrationListener.NONE);
      try (Connection blocker = holdLock(db, "held")) {
        CompletableFuture<EngineException> run =
            CompletableFuture.supplyAsync(
                () -> failure(() -> engine.upgrade(null, MigrationListener.NONE)));
        db.awaitCount(stuckStatements(db), n -> n == 1, Duration.ofSeconds(30));
        engine.cancel("its DatabaseMigration was deleted");
        EngineException cancelled = run.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(cancelled.getMessage())
            .contains("The run was cancelled: its DatabaseMigration was deleted")
            .contains("cancelled on the server");
        db.awaitCount(stuckStatements(db), n -> n == 0, Duration.ofSeconds(10));
        blocker.rollback();
      }
      EngineException later = failure(() -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(later.kind()).isEqualTo(FailureKind.CANCELLED);
      assertThat(later.getMessage()).contains("nothing was started");
    }
  }
}
