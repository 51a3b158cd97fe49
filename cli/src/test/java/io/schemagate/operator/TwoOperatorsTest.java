package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.MockApi;
import io.schemagate.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator processes without leader election, against one API and one database (a mistake in a
 * deployment, or a rollout's overlap): each migration is still applied exactly once, since the
 * engine's database lock serialises them.
 */
@LiveOperator
class TwoOperatorsTest {
  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;

  @BeforeEach
  void client() {
    client = api.client();
  }

  @Test
  void twoProcessesWithoutLeaderElectionApplyEachMigrationOnce() throws Exception {
    TestDatabase db = Databases.postgres();
    OperatorHarness harness = api.harness();
    harness.configMap("apps", "shared-scripts", OperatorHarness.exampleScripts());
    for (int i = 0; i < 5; i++) {
      harness.apply(
          OperatorHarness.migration("apps", "twin-" + i, db.url(), "shared-scripts", null));
    }
    Map<String, String> env = MockApi.operatorEnvironment(client, null);
    List<CliProcess> operators = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        operators.add(
            CliProcess.start(
                env,
                "operator",
                "--http-port=0",
                "--retry-min=200ms",
                "--retry-max=2s",
                "--gate=false"));
      }
      // Without leader election both write each status: wait for the one that says it is done
      // (the other may be writing what it saw before the first one's run).
      for (int i = 0; i < 5; i++) {
        harness.awaitResource(
            "apps",
            "twin-" + i,
            r ->
                OperatorHarness.condition(r, "Ready")
                        .map(c -> Reason.Applied.name().equals(c.getReason()))
                        .orElse(false)
                    && "6".equals(r.getStatus().appliedVersion));
      }
    } finally {
      for (CliProcess operator : operators) {
        operator.kill();
      }
    }
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'SQL'").toString())
        .isEqualTo("6");
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success").toString())
        .isEqualTo("0");
  }
}
