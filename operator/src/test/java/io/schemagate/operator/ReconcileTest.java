package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator loop on a real PostgreSQL: apply, change, pin, approve, suspend, fail. */
@EnableKubernetesMockClient(crud = true)
class ReconcileTest {
  private static final String NS = "apps";
  KubernetesClient client;
  private OperatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new OperatorHarness(client, OperatorHarness.fastSettings());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void appliesTheBundleAndReportsReady() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "lets-talk-migrations", OperatorHarness.exampleScripts());
    String url = db.url().replace("postgres@", "");
    harness.credentials(NS, "lets-talk-db", "postgres", "Operator-Secret-1");
    harness.apply(
        OperatorHarness.migration(NS, "lets-talk", url, "lets-talk-migrations", "lets-talk-db"));

    DatabaseMigration ready = harness.awaitReason(NS, "lets-talk", Reason.Applied);
    assertThat(ready.getStatus().appliedVersion).isEqualTo("6");
    assertThat(ready.getStatus().targetVersion).isEqualTo("6");
    assertThat(ready.getStatus().pendingCount).isZero();
    assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().sourceDigest).startsWith("sha256:");
    assertThat(ready.getStatus().history).hasSize(6);
    assertThat(ready.getStatus().history.get(0).script).isEqualTo("V6__add_message_reactions.sql");
    assertThat(ready.getStatus().failure).isNull();
    Condition readyCondition = OperatorHarness.condition(ready, "Ready").orElseThrow();
    assertThat(readyCondition.getStatus()).isEqualTo("True");
    assertThat(readyCondition.getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(OperatorHarness.condition(ready, "Stalled").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(OperatorHarness.condition(ready, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(db.tables()).contains("users", "messages", "message_reactions");
    assertThat(harness.events(NS, "lets-talk"))
        .extracting(Event::getMessage)
        .anyMatch(m -> m.startsWith("Applied V1__create_users.sql in"))
        .anyMatch(m -> m.startsWith("Applied V6__add_message_reactions.sql in"));
  }
}
