package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus (src/test/resources/bad-inputs, one case a file): every case gets the
 * expected reason and a message naming the fix, all against one live operator, while a healthy
 * resource next to them stays at its version with nothing lost.
 */
@EnableKubernetesMockClient(crud = true)
class BadInputCorpusTest {
  private static final String NS = "apps";
  private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");
  private static final Path RELIABILITY = Path.of("../docs/RELIABILITY.md");

  /** The namespace whose operator allows H2 and SQLite, for the cases that need them. */
  private static final String LOCAL = "local";

  KubernetesClient client;
  private OperatorHarness harness;
  private OperatorHarness local;

  /** One case of the corpus, in {@code namespace}. */
  private record Case(
      String name, String namespace, String reason, String message, JsonNode file) {}

  /**
   * Two operators, as two installations would run: the one of {@code apps} with the production
   * policy (no H2 or SQLite, and at most 2,000 scripts a bundle, so that the bundle-limit case
   * stays small), the one of {@code local} allowing local databases, as on a single-tenant cluster.
   */
  @BeforeEach
  void start() throws Exception {
    OperatorSettings fast = OperatorHarness.fastSettings();
    TenantLimits strict =
        TenantLimits.DEFAULTS
            .withMaxRunningPerNamespace(4)
            .withBundle(new io.schemagate.engine.BundleLimits(2000, 32L << 20, 5L << 20));
    harness =
        new OperatorHarness(
            client, OperatorHarness.inNamespaces(fast, List.of(NS)).withTenants(strict));
    local = new OperatorHarness(client, OperatorHarness.inNamespaces(fast, List.of(LOCAL)));
  }

  @AfterEach
  void stop() {
    harness.close();
    local.close();
  }

  static List<Case> corpus() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode node = Serialization.yamlMapper().readTree(Files.readString(file));
        String name = file.getFileName().toString().replace(".yaml", "");
        cases.add(
            new Case(
                name,
                node.path("namespace").asText(NS),
                node.get("reason").asText(),
                node.get("message").asText(),
                node));
      }
    }
    return cases;
  }

  private static String substitute(String text, TestDatabase db) {
    String server = db.url().substring(0, db.url().lastIndexOf('/'));
    return text.replace("${DB_URL_NO_USER}", db.url().replace("postgres@", ""))
        .replace("${DB_URL}", db.url())
        .replace("${DB_SERVER}", server);
  }

  private DatabaseMigration resource(Case c, TestDatabase db) throws Exception {
    ObjectNode spec =
        (ObjectNode)
            Serialization.jsonMapper()
                .readTree(
                    substitute(
                        Serialization.jsonMapper().writeValueAsString(c.file().get("spec")), db));
    ObjectNode database = (ObjectNode) spec.get("database");
    if (!database.has("schemas")) {
      // Each case in a schema of its own, so SQL cases cannot disturb one another.
      ArrayNode schemas = database.putArray("schemas");
      schemas.add("bad_" + c.name().replace('-', '_'));
    }
    DatabaseMigration resource =
        OperatorHarness.migration(c.namespace(), c.name(), null, null, null);
    resource.setSpec(Serialization.jsonMapper().treeToValue(spec, DatabaseMigrationSpec.class));
    int scripts = c.file().path("generate").path("inlineScripts").asInt(0);
    for (int i = 1; i <= scripts; i++) {
      resource
          .getSpec()
          .source
          .inline
          .put("V" + i + "__step_" + i + ".sql", "CREATE TABLE t" + i + " (id INT);");
    }
    return resource;
  }

  private void createReferences(Case c) {
    JsonNode configMaps = c.file().path("configMaps");
    configMaps
        .fields()
        .forEachRemaining(
            e -> {
              Map<String, String> data = new LinkedHashMap<>();
              Map<String, String> binary = new LinkedHashMap<>();
              e.getValue()
                  .path("data")
                  .fields()
                  .forEachRemaining(d -> data.put(d.getKey(), d.getValue().asText()));
              e.getValue()
                  .path("binaryData")
                  .fields()
                  .forEachRemaining(d -> binary.put(d.getKey(), d.getValue().asText()));
              client
                  .configMaps()
                  .inNamespace(c.namespace())
                  .resource(
                      new ConfigMapBuilder()
                          .withNewMetadata()
                          .withName(e.getKey())
                          .withNamespace(c.namespace())
                          .addToLabels(SourceReader.BUNDLE_LABEL, "true")
                          .endMetadata()
                          .withData(data)
                          .withBinaryData(binary)
                          .build())
                  .createOr(x -> x.update());
            });
    c.file()
        .path("secrets")
        .fields()
        .forEachRemaining(
            e -> {
              Map<String, String> data = new LinkedHashMap<>();
              e.getValue()
                  .fields()
                  .forEachRemaining(d -> data.put(d.getKey(), d.getValue().asText()));
              client
                  .secrets()
                  .inNamespace(c.namespace())
                  .resource(
                      new SecretBuilder()
                          .withNewMetadata()
                          .withName(e.getKey())
                          .withNamespace(c.namespace())
                          .endMetadata()
                          .withStringData(data)
                          .build())
                  .createOr(x -> x.update());
            });
    JsonNode generate = c.file().path("generate");
    if (generate.has("megabytes")) {
      String big =
          "-- padding line of a far too large script\n"
              .repeat(generate.get("megabytes").asInt() * 25_000);
      client
          .configMaps()
          .inNamespace(c.namespace())
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(generate.get("configMap").asText())
                  .withNamespace(c.namespace())
                  .endMetadata()
                  .withData(Map.of(generate.get("key").asText(), "SELECT 1;\n" + big))
                  .build())
          .create();
    }
  }

  private static String describe(DatabaseMigration resource) {
    Condition ready = OperatorHarness.condition(resource, "Ready").orElse(null);
    return ready == null ? "(no status)" : ready.getReason() + ": " + ready.getMessage();
  }

  @Test
  void everyBadInputGetsItsReasonAndMessageWhileAHealthyResourceCarriesOn() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "healthy-scripts", OperatorHarness.exampleScripts());
    DatabaseMigration healthy =
        OperatorHarness.migration(NS, "healthy", db.url(), "healthy-scripts", null);
    healthy.getSpec().database.schemas = List.of("healthy");
    harness.apply(healthy);
    harness.awaitReason(NS, "healthy", Reason.Applied);

    List<Case> cases = corpus();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(90);
    for (Case c : cases) {
      createReferences(c);
      DatabaseMigration resource = resource(c, db);
      JsonNode appliedFirst = c.file().path("generate").path("appliedFirst");
      if (!appliedFirst.isMissingNode()) {
        String target = resource.getSpec().target;
        resource.getSpec().target = appliedFirst.asText();
        harness.apply(resource);
        harness.awaitReason(c.namespace(), c.name(), Reason.Applied);
        DatabaseMigration current = harness.get(c.namespace(), c.name());
        current.getSpec().target = target;
        client.resource(current).update();
      } else {
        harness.apply(resource);
      }
    }

    List<String> mismatches = new ArrayList<>();
    for (Case c : cases) {
      try {
        // The 5,000-script bundle takes about half a minute on its own: wait long enough.
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  DatabaseMigration r = harness.get(c.namespace(), c.name());
                  return OperatorHarness.condition(r, "Ready")
                      .map(
                          ready ->
                              c.reason().equals(ready.getReason())
                                  && ready.getMessage().contains(c.message()))
                      .orElse(false);
                });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        mismatches.add(
            c.name()
                + ": expected "
                + c.reason()
                + " with '"
                + c.message()
                + "', got "
                + describe(harness.get(c.namespace(), c.name())));
      }
    }
    assertThat(mismatches).isEmpty();

    DatabaseMigration stillHealthy = harness.get(NS, "healthy");
    assertThat(OperatorHarness.condition(stillHealthy, "Ready").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(stillHealthy.getStatus().appliedVersion).isEqualTo("6");
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM healthy.flyway_schema_history WHERE success AND type = 'SQL'")
                .toString())
        .isEqualTo("6");
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'healthy'"
                        + " AND table_name IN ('users', 'conversations', 'messages', 'message_reactions')")
                .toString())
        .isEqualTo("4");
  }

  @Test
  void theReliabilityDocumentListsEveryCase() throws Exception {
    String document = Files.readString(RELIABILITY);
    for (Case c : corpus()) {
      assertThat(document)
          .as("docs/RELIABILITY.md lists " + c.name())
          .contains("`" + c.name() + "`");
    }
  }
}
