package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.MockApi;
import io.schemagate.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator process is killed with SIGKILL in the middle of a migration, then started again: it
 * converges, applies nothing twice, and leaves no lock behind.
 */
@LiveOperator
class OperatorKilledTest {
  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;

  @BeforeEach
  void client() {
    client = api.client();
  }

  private CliProcess operatorProcess() throws Exception {
    Map<String, String> env = MockApi.operatorEnvironment(client, "apps");
    return CliProcess.start(
        env, "operator", "--http-port=0", "--retry-min=200ms", "--retry-max=2s", "--gate=false");
  }

  @Test
  void aKilledOperatorConvergesAfterARestartWithoutApplyingTwice() throws Exception {
    TestDatabase db = Databases.postgres();
    OperatorHarness harness = api.harness();
    DatabaseMigration resource =
        OperatorHarness.inline(
            "apps",
            "survivor",
            db.url(),
            Map.of(
                "V1__first.sql",
                "CREATE TABLE first_table (id INT);",
                "V2__slow.sql",
                "CREATE TABLE slow_table (id INT);\nINSERT INTO slow_table VALUES (1);\nSELECT pg_sleep(4);\n"));
    resource.getSpec().source.inline.put("V3__last.sql", "CREATE TABLE last_table (id INT);");
    harness.apply(resource);

    CliProcess first = operatorProcess();
    try {
      db.awaitCount(
          "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
              + " AND query LIKE '%pg_sleep(4)%' AND pid <> pg_backend_pid()",
          n -> n > 0, Duration.ofSeconds(90));
    } finally {
      first.kill();
    }

    CliProcess second = operatorProcess();
    try {
      DatabaseMigration converged = harness.awaitReason("apps", "survivor", Reason.Applied);
      assertThat(converged.getStatus().appliedVersion).isEqualTo("3");
    } finally {
      second.kill();
    }
    assertThat(db.queryOne("SELECT COUNT(*) FROM slow_table").toString()).isEqualTo("1");
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'SQL'").toString())
        .isEqualTo("3");
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success").toString())
        .isEqualTo("0");
    db.awaitCount(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'",
        n -> n == 0,
        Duration.ofSeconds(30));
  }
}
