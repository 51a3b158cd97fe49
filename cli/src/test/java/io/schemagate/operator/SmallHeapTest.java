package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.ConfigMapRef;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.MockApi;
import io.schemagate.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator in a process of its own with a 256 MiB heap that ends on OutOfMemoryError, as the
 * image runs it, fed the inputs that would each fill such a heap if read whole: a history table of
 * 260 MB of descriptions, two resources on 31 one-MiB ConfigMaps, a 1 MB statement, and 60 gated
 * pods with 250 KiB annotations. Each is refused or trimmed, the process stays alive, and a
 * resource of another namespace is served throughout.
 */
@LiveOperator
class SmallHeapTest {
  private static final String TENANT = "tenant-a";
  private static final String HEALTHY = "healthy";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  @Test
  void inputsThatWouldFillTheHeapLeaveTheOperatorAliveAndServingOthers() throws Exception {
    KubernetesClient client = api.client();
    OperatorHarness harness = api.harness();
    TestDatabase tenantDb = Databases.postgres();
    TestDatabase healthyDb = Databases.postgres();

    Map<String, String> environment =
        new LinkedHashMap<>(MockApi.operatorEnvironment(client, null));
    environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:+ExitOnOutOfMemoryError");
    CliProcess operator =
        CliProcess.start(
            environment,
            "operator",
            "--http-port=0",
            "--retry-min=200ms",
            "--retry-max=2s",
            "--connect-timeout=2s",
            "--gate=true",
            "--namespaces=" + TENANT + "," + HEALTHY);
    try {
      harness.apply(
          OperatorHarness.inline(
              HEALTHY, "served", healthyDb.url(), Map.of("V1__a.sql", "CREATE TABLE a (id INT);")));
      harness.apply(
          OperatorHarness.inline(
              TENANT, "bloated", tenantDb.url(), Map.of("V1__a.sql", "CREATE TABLE a (id INT);")));
      harness.awaitReason(HEALTHY, "served", Reason.Applied);
      harness.awaitReason(TENANT, "bloated", Reason.Applied);

      // 1. The tenant grows its own history table: 26 rows of 10 MB descriptions.
      tenantDb.execute("ALTER TABLE flyway_schema_history ALTER COLUMN description TYPE TEXT");
      tenantDb.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, installed_on, execution_time, success) SELECT 100 + g,"
              + " NULL, repeat('x', 10 * 1024 * 1024), 'SQL', 'R__x.sql', 0, 'x', now(), 0, TRUE"
              + " FROM generate_series(1, 26) g");
      harness.apply(
          withScript(harness.get(TENANT, "bloated"), "V2__b.sql", "CREATE TABLE b (id INT);"));

      // 2. One statement of 1 MB.
      StringBuilder insert = new StringBuilder("INSERT INTO t (id) VALUES (0)");
      for (int i = 1; insert.length() < 1_000_000; i++) {
        insert.append(", (").append(i).append(')');
      }
      DatabaseMigration statement =
          OperatorHarness.inline(
              TENANT,
              "big-statement",
              tenantDb.url(),
              Map.of("V1__t.sql", "CREATE TABLE t (id INT);", "V2__load.sql", insert + ";"));
      statement.getSpec().database.schemas = java.util.List.of("big_statement");
      harness.apply(statement);

      // 3. 60 gated pods, each with a 250 KiB annotation of the tenant's.
      String notes = "n".repeat(250 * 1024);
      for (int i = 0; i < 60; i++) {
        client
            .pods()
            .inNamespace(TENANT)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("web-" + i)
                    .withNamespace(TENANT)
                    .addToLabels(GateAnnotations.GATED_LABEL, "true")
                    .addToAnnotations(GateAnnotations.MIGRATION, "big-statement")
                    .addToAnnotations(GateAnnotations.REQUIRES_VERSION, "2")
                    .addToAnnotations("example.com/notes", notes)
                    .endMetadata()
                    .withNewSpec()
                    .addNewSchedulingGate()
                    .withName(GateAnnotations.GATE)
                    .endSchedulingGate()
                    .addNewContainer()
                    .withName("web")
                    .withImage("web:2")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
      }

      assertThat(
              OperatorHarness.condition(
                      harness.awaitReason(TENANT, "bloated", Reason.HistoryTooLarge), "Ready")
                  .orElseThrow()
                  .getMessage())
          .contains("too large to read");
      DatabaseMigration loaded = harness.awaitReason(TENANT, "big-statement", Reason.Applied);
      assertThat(loaded.getStatus().appliedVersion).isEqualTo("2");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(
              () ->
                  client.pods().inNamespace(TENANT).list().getItems().stream()
                      .allMatch(p -> p.getSpec().getSchedulingGates().isEmpty()));

      // 4. 31 labelled ConfigMaps of 1 MiB each, named by two resources.
      String mebibyte = "-- " + "x".repeat((1 << 20) - 8) + "\n";
      for (int i = 0; i < 31; i++) {
        client
            .configMaps()
            .inNamespace(TENANT)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("part-" + i)
                    .withNamespace(TENANT)
                    .addToLabels("schemagate.io/bundle", "true")
                    .endMetadata()
                    .addToData("V" + (i + 1) + "__part.sql", mebibyte)
                    .build())
            .create();
      }
      for (int r = 0; r < 2; r++) {
        DatabaseMigration large =
            OperatorHarness.migration(TENANT, "large-" + r, tenantDb.url(), null, null);
        for (int i = 0; i < 31; i++) {
          ConfigMapRef ref = new ConfigMapRef();
          ref.name = "part-" + i;
          large.getSpec().source.configMaps.add(ref);
        }
        large.getSpec().database.schemas = java.util.List.of("large_" + r);
        harness.apply(large);
      }

      for (int r = 0; r < 2; r++) {
        assertThat(
                OperatorHarness.condition(
                        harness.awaitReason(TENANT, "large-" + r, Reason.SourceInvalid), "Ready")
                    .orElseThrow()
                    .getMessage())
            .contains("of scripts at once");
      }
      // The other namespace is still served, by the same process.
      harness.apply(
          withScript(harness.get(HEALTHY, "served"), "V2__b.sql", "CREATE TABLE b (id INT);"));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> "2".equals(harness.get(HEALTHY, "served").getStatus().appliedVersion));
      assertThat(healthyDb.tables()).contains("a", "b");
      assertThat(operator.isAlive()).as(operator.output()).isTrue();
    } finally {
      String output = operator.output();
      operator.kill();
      assertThat(output).doesNotContain("java.lang.OutOfMemoryError");
    }
  }

  private static DatabaseMigration withScript(DatabaseMigration resource, String name, String sql) {
    resource.getSpec().source.inline.put(name, sql);
    resource.setStatus(null);
    resource.getMetadata().setResourceVersion(null);
    return resource;
  }
}
