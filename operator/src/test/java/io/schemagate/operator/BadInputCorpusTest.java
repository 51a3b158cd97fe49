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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus (src/test/resources/bad-inputs, one case a file): every case gets the
 * expected reason and a message naming the fix. The whole corpus runs through synchronous
 * reconciles (the reconciler called directly, four at a time); a sample of it runs against the live
 * operator, where a healthy resource next to the broken ones stays at its version with nothing
 * lost.
 */
@EnableKubernetesMockClient(crud = true)
class BadInputCorpusTest {
  private static final String NS = "apps";
  private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");
  private static final Path RELIABILITY = Path.of("../docs/RELIABILITY.md");

  /** The namespace whose operator allows H2 and SQLite, for the cases that need them. */
  private static final String LOCAL = "local";

  KubernetesClient client;
  private OperatorSettings strictSettings;
  private OperatorSettings localSettings;

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
            .withBundle(new io.schemagate.engine.api.BundleLimits(2000, 32L << 20, 5L << 20));
    strictSettings = OperatorHarness.inNamespaces(fast, List.of(NS)).withTenants(strict);
    localSettings = OperatorHarness.inNamespaces(fast, List.of(LOCAL));
    OperatorHarnessAccess.installCrd(client);
  }

  /**
   * The cases the live operator runs next to a healthy resource: one of each kind of failure. The
   * bundle over the script limit (2,500 scripts, a quarter of a minute to build and refuse) is left
   * to the synchronous corpus, which gives it the same reason and message.
   */
  private static final List<String> LIVE_SAMPLE =
      List.of(
          "url-unreachable",
          "url-with-password",
          "secret-missing",
          "source-configmap-missing",
          "sql-syntax-error",
          "sql-error-in-second-script",
          "target-not-in-bundle",
          "downgrade-not-allowed",
          "local-sqlite-parent-folder");

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

  /**
   * The case's text with the test's addresses; {@code NOT_A_DATABASE_PORT} is the mock API
   * server's, a port where something other than a database answers.
   */
  private String substitute(String text, TestDatabase db) {
    String server = db.url().substring(0, db.url().lastIndexOf('/'));
    return text.replace("${DB_URL_NO_USER}", db.url().replace("postgres@", ""))
        .replace("${DB_URL}", db.url())
        .replace("${DB_SERVER}", server)
        .replace("${NOT_A_DATABASE_PORT}", String.valueOf(client.getMasterUrl().getPort()));
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

  /** The case's resource, created (and, for appliedFirst, first applied at that target). */
  private DatabaseMigration createCase(Case c, TestDatabase db, Reconciler reconcile)
      throws Exception {
    createReferences(c);
    DatabaseMigration resource = resource(c, db);
    JsonNode appliedFirst = c.file().path("generate").path("appliedFirst");
    if (appliedFirst.isMissingNode()) {
      return client.resource(resource).create();
    }
    String target = resource.getSpec().target;
    resource.getSpec().target = appliedFirst.asText();
    DatabaseMigration first = reconcile.apply(client.resource(resource).create());
    assertThat(describe(first))
        .as(c.name() + " first applies " + appliedFirst)
        .startsWith("Applied");
    first.getSpec().target = target;
    return client.resource(first).update();
  }

  /** Runs one reconcile of the resource and returns it as the API server then has it. */
  private interface Reconciler {
    DatabaseMigration apply(DatabaseMigration resource) throws Exception;
  }

  private Reconciler synchronous(DatabaseMigrationReconciler reconciler) {
    return resource -> {
      reconciler.reconcile(resource, null);
      return client
          .resources(DatabaseMigration.class)
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName())
          .get();
    };
  }

  /** A case the live operator runs (with the sample), not the synchronous corpus. */
  private static boolean liveOnly(Case c) {
    return c.file().path("liveOnly").asBoolean(false);
  }

  private static boolean matches(Case c, DatabaseMigration resource) {
    return OperatorHarness.condition(resource, "Ready")
        .map(r -> c.reason().equals(r.getReason()) && r.getMessage().contains(c.message()))
        .orElse(false);
  }

  private static String mismatch(Case c, DatabaseMigration resource) {
    return c.name()
        + ": expected "
        + c.reason()
        + " with '"
        + c.message()
        + "', got "
        + describe(resource);
  }

  @Test
  void everyBadInputGetsItsReasonAndMessage() throws Exception {
    TestDatabase db = Databases.postgres();
    List<Case> all = corpus();
    assertThat(all).hasSizeGreaterThanOrEqualTo(90);
    List<Case> cases = all.stream().filter(c -> !liveOnly(c)).toList();
    try (DatabaseMigrationReconciler strict =
            new DatabaseMigrationReconciler(client, strictSettings, new SimpleMeterRegistry());
        DatabaseMigrationReconciler local =
            new DatabaseMigrationReconciler(client, localSettings, new SimpleMeterRegistry())) {
      ExecutorService workers = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> outcomes = new ArrayList<>();
        for (Case c : cases) {
          Reconciler reconcile = synchronous(LOCAL.equals(c.namespace()) ? local : strict);
          outcomes.add(
              workers.submit(
                  () -> {
                    DatabaseMigration seen = reconcile.apply(createCase(c, db, reconcile));
                    // A transient reason may show first (a retry reaches the expected one).
                    if (!matches(c, seen)) {
                      seen = reconcile.apply(seen);
                    }
                    return matches(c, seen) ? null : mismatch(c, seen);
                  }));
        }
        List<String> mismatches = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          String problem = outcome.get(5, TimeUnit.MINUTES);
          if (problem != null) {
            mismatches.add(problem);
          }
        }
        assertThat(mismatches).isEmpty();
      } finally {
        workers.shutdownNow();
      }
    }
  }

  @Test
  @LiveOperator
  void theLiveOperatorServesAHealthyResourceWhileBrokenOnesStall() throws Exception {
    TestDatabase db = Databases.postgres();
    try (OperatorHarness harness = new OperatorHarness(client, strictSettings);
        OperatorHarness local = new OperatorHarness(client, localSettings)) {
      harness.configMap(NS, "healthy-scripts", OperatorHarness.exampleScripts());
      DatabaseMigration healthy =
          OperatorHarness.migration(NS, "healthy", db.url(), "healthy-scripts", null);
      healthy.getSpec().database.schemas = List.of("healthy");
      harness.apply(healthy);
      harness.awaitReason(NS, "healthy", Reason.Applied);

      List<Case> sample =
          corpus().stream().filter(c -> liveOnly(c) || LIVE_SAMPLE.contains(c.name())).toList();
      assertThat(sample).hasSizeGreaterThan(LIVE_SAMPLE.size());
      // The operator reconciles by itself; a case applied first is awaited at Applied.
      Reconciler live =
          resource ->
              harness.awaitReason(
                  resource.getMetadata().getNamespace(),
                  resource.getMetadata().getName(),
                  Reason.Applied);
      for (Case c : sample) {
        createCase(c, db, live);
      }
      List<String> mismatches = new ArrayList<>();
      for (Case c : sample) {
        try {
          // A case whose database is slow to answer takes its connect timeout: wait long enough.
          await()
              .atMost(Duration.ofSeconds(180))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> matches(c, harness.get(c.namespace(), c.name())));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          mismatches.add(mismatch(c, harness.get(c.namespace(), c.name())));
        }
      }
      assertThat(mismatches).isEmpty();

      DatabaseMigration stillHealthy = harness.get(NS, "healthy");
      assertThat(OperatorHarness.condition(stillHealthy, "Ready").orElseThrow().getStatus())
          .isEqualTo("True");
      assertThat(stillHealthy.getStatus().appliedVersion).isEqualTo("6");
      assertThat(
              db.queryOne(
                      "SELECT COUNT(*) FROM healthy.flyway_schema_history WHERE success AND type ="
                          + " 'SQL'")
                  .toString())
          .isEqualTo("6");
      assertThat(
              db.queryOne(
                      "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema ="
                          + " 'healthy' AND table_name IN ('users', 'conversations', 'messages',"
                          + " 'message_reactions')")
                  .toString())
          .isEqualTo("4");
    }
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
