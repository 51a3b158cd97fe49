package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two replicas with leader election: one works, the other takes over when it goes. */
@EnableKubernetesMockClient(crud = true)
@LiveOperator
class LeaderElectionTest {
  private static final String LEASE = "schemagate-test";
  KubernetesClient client;
  KubernetesMockServer server;

  private SchemagateOperator replica(String identity) throws Exception {
    return SchemagateOperator.start(
        client,
        OperatorHarness.fastSettings(),
        null,
        null,
        -1,
        o ->
            o.withInformerStoppedHandler((informer, e) -> {})
                .withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        LEASE,
                        "default",
                        Duration.ofSeconds(2),
                        Duration.ofMillis(1500),
                        Duration.ofMillis(200),
                        identity,
                        null,
                        false)));
  }

  private String holder() {
    Lease lease = client.leases().inNamespace("default").withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void oneReplicaLeadsAndTheOtherTakesOver() throws Exception {
    // The CRUD mock has no authorization API; grant what JOSDK checks before it elects.
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\","
                + "\"status\":{\"incomplete\":false,\"nonResourceRules\":[],\"resourceRules\":"
                + "[{\"apiGroups\":[\"coordination.k8s.io\"],\"resources\":[\"leases\"],"
                + "\"verbs\":[\"*\"]}]}}")
        .always();
    OperatorHarness harness = new OperatorHarness(client, null);
    TestDatabase db = Databases.postgres();
    harness.configMap("apps", "leader-scripts", OperatorHarness.exampleScripts());
    SchemagateOperator first = replica("replica-a");
    SchemagateOperator second = replica("replica-b");
    try {
      harness.apply(OperatorHarness.migration("apps", "one", db.url(), "leader-scripts", null));
      harness.awaitReason("apps", "one", Reason.Applied);
      String leader = holder();
      assertThat(leader).isIn("replica-a", "replica-b");

      (leader.equals("replica-a") ? first : second).close();
      String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";
      await().atMost(Duration.ofSeconds(30)).until(() -> follower.equals(holder()));

      io.schemagate.api.DatabaseMigration twoResource =
          OperatorHarness.migration("apps", "two", db.url(), "leader-scripts", null);
      twoResource.getSpec().database.schemas = java.util.List.of("second_tenant");
      harness.apply(twoResource);
      assertThat(harness.awaitReason("apps", "two", Reason.Applied).getStatus().appliedVersion)
          .isEqualTo("6");
      assertThat(db.queryOne("SELECT COUNT(*) FROM flyway_schema_history").toString())
          .isEqualTo("6");
    } finally {
      closeQuietly(first);
      closeQuietly(second);
    }
  }

  private static void closeQuietly(SchemagateOperator operator) {
    try {
      operator.close();
    } catch (RuntimeException e) {
      // Already stopped.
    }
  }
}
