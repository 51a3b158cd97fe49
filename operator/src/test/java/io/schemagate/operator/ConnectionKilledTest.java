package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database session running a migration is killed from a second connection: PostgreSQL rolls the
 * migration back, and the operator retries it until it completes, applying it exactly once.
 */
@LiveOperator
class ConnectionKilledTest {
  @RegisterExtension
  final OperatorExtension api = OperatorExtension.running(OperatorHarness::fastSettings);

  @Test
  void aMigrationWhoseSessionIsKilledIsRetriedAndAppliedOnce() throws Exception {
    TestDatabase db = Databases.postgres();
    OperatorHarness harness = api.harness();
    DatabaseMigration resource =
        OperatorHarness.inline(
            "apps",
            "killed",
            db.url(),
            Map.of(
                "V1__first.sql",
                "CREATE TABLE first_table (id INT);",
                "V2__slow.sql",
                "CREATE TABLE slow_table (id INT);\nINSERT INTO slow_table VALUES (1);\nSELECT pg_sleep(3);\n"));
    harness.apply(resource);

    // Wait until the slow migration runs, then kill its session from a second connection.
    db.awaitCount(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
            + " AND query LIKE '%pg_sleep(3)%' AND pid <> pg_backend_pid()",
        n -> n > 0, Duration.ofSeconds(60));
    Object killed =
        db.queryOne(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%pg_sleep(3)%' AND pid <> pg_backend_pid()");
    assertThat(killed.toString()).isEqualTo("1");

    DatabaseMigration applied = harness.awaitReason("apps", "killed", Reason.Applied);
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.queryOne("SELECT COUNT(*) FROM slow_table").toString()).isEqualTo("1");
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '2' AND success")
                .toString())
        .isEqualTo("1");
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success").toString())
        .isEqualTo("0");
    // No advisory lock is left behind once the work is done.
    db.awaitCount(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'",
        n -> n == 0,
        Duration.ofSeconds(10));
    assertThat(harness.events("apps", "killed"))
        .anyMatch(e -> "DatabaseUnreachable".equals(e.getReason()));
  }

  @Test
  void onMariaDbAKilledMigrationStallsNamingTheScriptAndTheDocumentedRecoveryWorks()
      throws Exception {
    TestDatabase db = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(db);
    OperatorHarness harness = api.harness();
    DatabaseMigration resource =
        OperatorHarness.inline(
            "apps",
            "mariadb-killed",
            db.url(),
            Map.of(
                "V1__first.sql",
                "CREATE TABLE first_table (id INT);",
                "V2__slow.sql",
                "CREATE TABLE half_done (id INT);\nDO SLEEP(3);\nCREATE TABLE never_done (id INT);\n"));
    harness.apply(resource);

    db.awaitCount(
        "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'DO SLEEP(3)%' AND db = DATABASE()",
        n -> n > 0, Duration.ofSeconds(60));
    Object id =
        db.queryOne(
            "SELECT id FROM information_schema.processlist WHERE info LIKE 'DO SLEEP(3)%' AND db = DATABASE() LIMIT 1");
    db.execute("KILL " + id);

    // DDL before the kill stays (MySQL/MariaDB cannot roll it back), so the retry meets it.
    DatabaseMigration stalled =
        harness.awaitReason("apps", "mariadb-killed", Reason.MigrationFailed);
    assertThat(stalled.getStatus().failure.script).isEqualTo("V2__slow.sql");
    assertThat(OperatorHarness.condition(stalled, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(stalled.getStatus().appliedVersion).isEqualTo("1");

    // The documented recovery: undo what the script did, then repair.
    db.execute("DROP TABLE half_done");
    DatabaseMigration current = harness.get("apps", "mariadb-killed");
    current
        .getMetadata()
        .setAnnotations(java.util.Map.of(DatabaseMigration.REPAIR_ANNOTATION, "after-kill"));
    api.client().resource(current).update();
    DatabaseMigration recovered = harness.awaitReason("apps", "mariadb-killed", Reason.Applied);
    assertThat(recovered.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.tables()).contains("first_table", "half_done", "never_done");
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '2' AND success = 1")
                .toString())
        .isEqualTo("1");
  }
}
