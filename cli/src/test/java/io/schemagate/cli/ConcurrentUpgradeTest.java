package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.MigrationLock;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two processes upgrading one database at the same time apply each migration exactly once, and a
 * third one that may not wait long gives up with a clear message instead of hanging.
 */
class ConcurrentUpgradeTest {
  @TempDir Path migrations;

  static Stream<TestDatabase> databases() {
    return Stream.of(Databases.postgres(), Databases.mariadbOrPlaceholder(), Databases.sqlite());
  }

  /** A bundle whose second migration takes about three seconds on each database. */
  private void writeSlowBundle() throws Exception {
    writeBundle(true);
  }

  /** The same three migrations; with {@code slow}, the second takes about three seconds. */
  private void writeBundle(boolean slow) throws Exception {
    Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");
    Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE slow_table (id INT);\n");
    Files.writeString(migrations.resolve("V3__last.sql"), "CREATE TABLE last_table (id INT);\n");
    if (!slow) {
      return;
    }
    Files.createDirectories(migrations.resolve("postgresql"));
    Files.createDirectories(migrations.resolve("mysql"));
    Files.createDirectories(migrations.resolve("sqlite"));
    Files.writeString(
        migrations.resolve("postgresql/V2__slow.sql"),
        "CREATE TABLE slow_table (id INT);\nSELECT pg_sleep(3);\n");
    Files.writeString(
        migrations.resolve("mysql/V2__slow.sql"),
        "CREATE TABLE slow_table (id INT);\nDO SLEEP(3);\n");
    // SQLite has no sleep: a large recursive insert keeps the migration busy instead.
    Files.writeString(
        migrations.resolve("sqlite/V2__slow.sql"),
        "CREATE TABLE slow_table (id INT);\n"
            + "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000)\n"
            + "INSERT INTO slow_table SELECT x FROM n;\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoProcessesApplyEachMigrationOnce(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    writeSlowBundle();
    Map<String, String> env =
        Map.of("DATABASE_URL", db.url(), "MIGRATIONS_DIR", migrations.toString());
    CliProcess first = CliProcess.start(env, "upgrade");
    CliProcess second = CliProcess.start(env, "upgrade");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(second.exitCode()).as(second.output()).isZero();
    if (db.kind() == DatabaseKind.SQLITE) {
      // Handed from one process to the other, and still not left behind.
      assertThat(MigrationLock.lockFile(db.parsed().sqliteFile().orElseThrow())).doesNotExist();
    }

    for (String version : new String[] {"1", "2", "3"}) {
      Object applied =
          db.queryOne(
              "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '"
                  + version
                  + "' AND type = 'SQL'");
      assertThat(applied.toString()).as("rows for version " + version).isEqualTo("1");
    }
    assertThat(db.tables()).contains("first_table", "slow_table", "last_table");
    assertThat(first.output() + second.output())
        .contains("Already at version 3; nothing to apply.")
        .contains("applied V2__slow.sql");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBoundedLockWaitGivesUpWithAClearMessage(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    // Nothing here needs a slow script: the wait is on the lock this test holds.
    writeBundle(false);
    Map<String, String> env =
        Map.of("DATABASE_URL", db.url(), "MIGRATIONS_DIR", migrations.toString());
    String scope = EngineSettings.defaults().lockScope();
    // This test holds the lock the way another schemagate process would.
    try (AutoCloseable held = holdLock(db, scope)) {
      CliProcess impatient = CliProcess.start(env, "upgrade", "--lock-timeout", "1s");
      assertThat(impatient.exitCode()).as(impatient.output()).isEqualTo(ExitCodes.LOCKED);
      if (db.kind() == DatabaseKind.SQLITE) {
        assertThat(impatient.output()).contains("is locked by another schemagate process");
      } else {
        assertThat(impatient.output())
            .contains("Another migration is running on")
            .contains("held the lock for more than 1 s");
      }
    }
    assertThat(db.tables()).doesNotContain("first_table");
    CliProcess patient = CliProcess.start(env, "upgrade", "--lock-timeout", "1s");
    assertThat(patient.exitCode()).as(patient.output()).isZero();
  }

  private static AutoCloseable holdLock(TestDatabase db, String scope) throws Exception {
    if (db.kind() == DatabaseKind.SQLITE) {
      Path database = db.parsed().sqliteFile().orElseThrow();
      db.parsed().prepare();
      FileChannel channel =
          FileChannel.open(
              MigrationLock.lockFile(database),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      return () -> {
        lock.release();
        channel.close();
      };
    }
    Connection connection = db.connect();
    String sql =
        db.kind() == DatabaseKind.POSTGRESQL
            ? "SELECT pg_try_advisory_lock(" + MigrationLock.lockKey(scope) + ")"
            : "SELECT GET_LOCK('" + MigrationLock.lockName(db.parsed(), scope) + "', 0)";
    try (Statement statement = connection.createStatement();
        ResultSet held = statement.executeQuery(sql)) {
      // Unless this test really holds the lock, the rest proves nothing.
      assertThat(held.next() && held.getBoolean(1)).as("the test holds " + scope).isTrue();
    }
    return connection::close;
  }
}
