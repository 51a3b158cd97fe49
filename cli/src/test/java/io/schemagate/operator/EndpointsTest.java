package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, readiness and metrics endpoints, and the operator command's documentation. */
@LiveOperator
class EndpointsTest {
  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;

  @BeforeEach
  void client() {
    client = api.client();
  }

  private static String get(int port, String path, int expectedCode) throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    assertThat(connection.getResponseCode()).isEqualTo(expectedCode);
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void servesHealthReadinessAndMetrics() throws Exception {
    OperatorHarness harness = api.harness();
    try (SchemagateOperator operator =
        SchemagateOperator.start(
            client,
            OperatorHarness.fastSettings(),
            null,
            null,
            0,
            o -> o.withInformerStoppedHandler((informer, e) -> {}))) {
      TestDatabase db = Databases.postgres();
      harness.configMap("apps", "metrics-scripts", OperatorHarness.exampleScripts());
      harness.apply(
          OperatorHarness.migration("apps", "metrics", db.url(), "metrics-scripts", null));
      harness.awaitReason("apps", "metrics", Reason.Applied);

      int port = operator.httpPort();
      assertThat(get(port, "/healthz", 200)).isEqualTo("ok\n");
      assertThat(get(port, "/readyz", 200)).isEqualTo("ready\n");
      String metrics = get(port, "/metrics", 200);
      assertThat(metrics)
          .contains(
              "schemagate_migrations_applied_total{direction=\"up\",name=\"metrics\",namespace=\"apps\"} 6.0")
          .contains("schemagate_migration_duration_seconds_bucket")
          .contains("schemagate_migrations_pending{name=\"metrics\",namespace=\"apps\"} 0.0")
          .contains("operator_sdk_")
          .contains(
              "schemagate_migration_reason{name=\"metrics\",namespace=\"apps\",reason=\"Applied\"} 1.0")
          // The JVM's metrics the chart's dashboard uses (OperationsKitTest.OTHER_METRICS).
          .contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{", "process_cpu_usage ");
    }
  }

  @Test
  void theOperatorCommandDocumentsEveryFlag() {
    Cli.Result help = new Cli().run("operator", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("--namespaces", "WATCH_NAMESPACES")
        .contains("--reconcile-threads", "--recheck-interval", "--retry-min", "--retry-max")
        .contains("--leader-election", "--lease-name", "--lease-namespace")
        .contains("--http-port", "/healthz", "--log-format", "--log-level")
        .contains("--max-connections-per-target", "--lock-timeout", "--connect-timeout");
  }
}
