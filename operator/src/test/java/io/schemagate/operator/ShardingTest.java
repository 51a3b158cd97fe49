package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.Counter;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two operators with disjoint shards on one API server: each resource is served by the operator
 * whose --shard-selector matches its labels, and by no other.
 */
@EnableKubernetesMockClient(crud = true)
@LiveOperator
class ShardingTest {
  private static final String NS = "apps";
  KubernetesClient client;

  private SchemagateOperator shard(String selector) throws Exception {
    return SchemagateOperator.start(
        client,
        OperatorHarness.fastSettings().toBuilder().shardSelector(selector).build(),
        null,
        null,
        -1,
        o -> o.withInformerStoppedHandler((informer, e) -> {}));
  }

  /** How many scripts {@code operator} applied for the resource {@code name}. */
  private static double applied(SchemagateOperator operator, String name) {
    return operator
        .registry()
        .find("schemagate.migrations.applied")
        .tags("name", name)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  @Test
  void eachResourceIsServedByTheOperatorOfItsShardOnly() throws Exception {
    OperatorHarness harness = new OperatorHarness(client, null);
    harness.configMap(NS, "scripts", OperatorHarness.exampleScripts());
    Map<String, String> shards = Map.of("a1", "a", "b1", "b");
    for (Map.Entry<String, String> entry : shards.entrySet()) {
      TestDatabase db = Databases.postgres();
      DatabaseMigration resource =
          OperatorHarness.migration(NS, entry.getKey(), db.url(), "scripts", null);
      resource.getMetadata().setLabels(Map.of("schemagate.io/shard", entry.getValue()));
      harness.apply(resource);
    }
    TestDatabase unsharded = Databases.postgres();
    harness.apply(OperatorHarness.migration(NS, "nobody", unsharded.url(), "scripts", null));
    try (SchemagateOperator a = shard("schemagate.io/shard=a");
        SchemagateOperator b = shard("schemagate.io/shard=b")) {
      for (String name : shards.keySet()) {
        harness.awaitReason(NS, name, Reason.Applied);
      }
      for (String name : List.of("a1")) {
        assertThat(applied(a, name)).as(name + " by shard a").isPositive();
        assertThat(applied(b, name)).as(name + " by shard b").isZero();
      }
      for (String name : List.of("b1")) {
        assertThat(applied(b, name)).as(name + " by shard b").isPositive();
        assertThat(applied(a, name)).as(name + " by shard a").isZero();
      }
      // A resource no shard selects is served by none: it never gets a status.
      assertThat(
              client
                  .resources(DatabaseMigration.class)
                  .inNamespace(NS)
                  .withName("nobody")
                  .get()
                  .getStatus())
          .satisfiesAnyOf(
              status -> assertThat(status).isNull(),
              status -> assertThat(status.conditions).isEmpty());
    }
  }
}
