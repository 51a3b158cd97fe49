package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Outages, shared databases, many resources, and secrets kept out of every output. */
@LiveOperator
class ResilienceTest {
  private static final String NS = "apps";

  @RegisterExtension
  final OperatorExtension api = OperatorExtension.running(OperatorHarness::fastSettings);

  private KubernetesClient client;
  private OperatorHarness harness;

  @BeforeEach
  void start() {
    client = api.client();
    harness = api.harness();
  }

  @Test
  void recoversByItselfWhenTheDatabaseComesBack() throws Exception {
    Path data = Files.createTempDirectory("schemagate-outage");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Databases.POSTGRES_STARTUP)
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .start();
    int port = postgres.getPort();
    String url = "postgresql://postgres@localhost:" + port + "/postgres";
    harness.configMap(NS, "outage-scripts", OperatorHarness.exampleScripts());
    harness.apply(OperatorHarness.migration(NS, "outage", url, "outage-scripts", null));
    assertThat(harness.awaitReason(NS, "outage", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");

    postgres.close();
    Map<String, String> scripts = OperatorHarness.exampleScripts();
    scripts.put("V7__add_avatars.sql", "ALTER TABLE users ADD COLUMN avatar_url VARCHAR(500);");
    harness.configMap(NS, "outage-scripts", scripts);
    DatabaseMigration down = harness.awaitReason(NS, "outage", Reason.DatabaseUnreachable);
    assertThat(OperatorHarness.condition(down, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(OperatorHarness.condition(down, "Stalled").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(down.getStatus().failure.message).contains("Cannot reach the database");

    try (EmbeddedPostgres again =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Databases.POSTGRES_STARTUP)
            .setPort(port)
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .start()) {
      DatabaseMigration recovered = harness.awaitReason(NS, "outage", Reason.Applied);
      assertThat(recovered.getStatus().appliedVersion).isEqualTo("7");
      assertThat(recovered.getStatus().failure).isNull();
    }
  }

  @Test
  void twoResourcesOnOneDatabaseApplyEachMigrationOnce() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "shared-scripts", OperatorHarness.exampleScripts());
    harness.apply(OperatorHarness.migration(NS, "first", db.url(), "shared-scripts", null));
    harness.apply(OperatorHarness.migration(NS, "second", db.url(), "shared-scripts", null));
    assertThat(harness.awaitReason(NS, "first", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");
    assertThat(harness.awaitReason(NS, "second", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'SQL'").toString())
        .isEqualTo("6");
    assertThat(db.queryOne("SELECT COUNT(DISTINCT version) FROM flyway_schema_history").toString())
        .isEqualTo("6");
  }

  @Test
  void fiftyResourcesConverge() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "fleet-scripts", OperatorHarness.exampleScripts());
    for (int i = 0; i < 50; i++) {
      DatabaseMigration resource =
          OperatorHarness.migration(NS, "tenant-" + i, db.url(), "fleet-scripts", null);
      resource.getSpec().database.schemas = List.of("tenant_" + i);
      harness.apply(resource);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(harness.awaitReason(NS, "tenant-" + i, Reason.Applied).getStatus().appliedVersion)
          .isEqualTo("6");
    }
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'messages'")
                .toString())
        .isEqualTo("50");
  }

  @Test
  void thePasswordIsInNoStatusEventLogLineOrCliOutputOfOperatorGateAndCli() throws Exception {
    String password = "Op-Distinctive-Secret-77";
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    try {
      TestDatabase db = Databases.postgres();
      harness.credentials(NS, "db-login", "postgres", password);
      harness.configMap(NS, "secret-scripts", OperatorHarness.exampleScripts());
      String url = db.url().replace("postgres@", "");
      harness.apply(
          OperatorHarness.migration(NS, "with-secret", url, "secret-scripts", "db-login"));
      harness.awaitReason(NS, "with-secret", Reason.Applied);

      harness.apply(
          OperatorHarness.migration(
              NS, "unreachable", "postgresql://127.0.0.1:1/x", "secret-scripts", "db-login"));
      harness.awaitReason(NS, "unreachable", Reason.DatabaseUnreachable);

      DatabaseMigration inUrl =
          OperatorHarness.migration(
              NS,
              "in-url",
              db.url().replace("postgres@", "postgres:" + password + "@"),
              "secret-scripts",
              null);
      harness.apply(inUrl);
      assertThat(
              OperatorHarness.condition(
                      harness.awaitReason(NS, "in-url", Reason.InvalidSpec), "Ready")
                  .orElseThrow()
                  .getMessage())
          .contains("spec.database.url carries a password");

      // The gate holds a pod for the resource that uses the password, then releases it.
      client
          .pods()
          .inNamespace(NS)
          .resource(
              new io.fabric8.kubernetes.api.model.PodBuilder()
                  .withNewMetadata()
                  .withName("app-pod")
                  .withNamespace(NS)
                  .addToLabels(io.schemagate.rollout.GateAnnotations.GATED_LABEL, "true")
                  .addToAnnotations(io.schemagate.rollout.GateAnnotations.MIGRATION, "with-secret")
                  .addToAnnotations(io.schemagate.rollout.GateAnnotations.REQUIRES_VERSION, "6")
                  .endMetadata()
                  .withNewSpec()
                  .addNewSchedulingGate()
                  .withName(io.schemagate.rollout.GateAnnotations.GATE)
                  .endSchedulingGate()
                  .addNewContainer()
                  .withName("app")
                  .withImage("app:1")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(
              () ->
                  client
                      .pods()
                      .inNamespace(NS)
                      .withName("app-pod")
                      .get()
                      .getSpec()
                      .getSchedulingGates()
                      .isEmpty());

      // The CLI against the same database with the same password, including a failure and --debug.
      StringBuilder everything = new StringBuilder();
      io.schemagate.testing.Cli cli =
          new io.schemagate.testing.Cli()
              .env("DATABASE_URL", url)
              .env("DATABASE_USER", "postgres")
              .env("DATABASE_PASSWORD", password)
              .env("MIGRATIONS_DIR", Databases.exampleMigrations().toString());
      for (String[] command :
          List.of(
              new String[] {"status", "--debug"},
              new String[] {"history", "-o", "json"},
              new String[] {"upgrade", "99"},
              new String[] {"validate"})) {
        everything.append(cli.run(command).all());
      }
      everything.append(
          new io.schemagate.testing.Cli()
              .env("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/x")
              .env("DATABASE_PASSWORD", password)
              .run("status", "--debug")
              .all());

      harness.statusesAndEvents(NS).forEach(text -> everything.append(text).append('\n'));
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        // The mock API server logs the requests it receives: that is the API server, not us.
        if (event.getLoggerName().startsWith("io.fabric8.mockwebserver")
            || event.getLoggerName().startsWith("io.fabric8.kubernetes.client.server.mock")) {
          continue;
        }
        everything.append(event.getFormattedMessage()).append('\n');
        if (event.getThrowableProxy() != null) {
          everything.append(event.getThrowableProxy().getMessage()).append('\n');
        }
      }
      assertThat(logs.list).isNotEmpty();
      assertThat(everything.toString())
          .contains("Cannot reach the database")
          .doesNotContain(password);
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
    }
  }
}
