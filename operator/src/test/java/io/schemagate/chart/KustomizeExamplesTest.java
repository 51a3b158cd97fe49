package io.schemagate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.InvalidDatabaseUrlException;
import io.schemagate.db.TargetPolicy;
import io.schemagate.testing.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kustomize and Flux examples rendered as Kustomize renders them ({@code kubectl kustomize}):
 * the gate component on a plain Deployment, and Flux's two steps over the lets-talk folder, the
 * schema without the application and the application only after it. The SQLite example says what
 * the operator needs to run it.
 */
class KustomizeExamplesTest {
  private static final Path EXAMPLES = Databases.exampleMigrations().getParent().getParent();

  @TempDir Path work;

  @BeforeAll
  static void kubectl() {
    boolean present =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    Assumptions.assumeTrue(present, "kubectl renders the Kustomize examples; it is not on PATH");
  }

  private static List<JsonNode> render(Path folder) throws Exception {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", folder.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = Serialization.yamlMapper().getFactory().createParser(output)) {
      Iterator<JsonNode> it = Serialization.yamlMapper().readValues(parser, JsonNode.class);
      it.forEachRemaining(documents::add);
    }
    return documents;
  }

  private static List<String> kinds(List<JsonNode> documents) {
    return documents.stream().map(d -> d.path("kind").asText()).sorted().toList();
  }

  /** A kustomization in {@code folder} over {@code resources} (relative, as Kustomize wants). */
  private Path kustomization(String name, JsonNode extra, Path... resources) throws Exception {
    Path folder = Files.createDirectories(work.resolve(name));
    ObjectNode kustomization = Serialization.jsonMapper().createObjectNode();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    ArrayNode list = kustomization.putArray("resources");
    for (Path resource : resources) {
      list.add(folder.relativize(resource.toAbsolutePath()).toString());
    }
    if (extra != null) {
      extra.fields().forEachRemaining(e -> kustomization.set(e.getKey(), e.getValue()));
    }
    Files.writeString(
        folder.resolve("kustomization.yaml"),
        Serialization.yamlMapper().writeValueAsString(kustomization));
    return folder;
  }

  @Test
  void theGateComponentGatesAPlainDeployment() throws Exception {
    Path app = Files.createDirectories(work.resolve("app"));
    Files.writeString(
        app.resolve("deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: plain}\n"
            + "spec:\n  selector: {matchLabels: {app: plain}}\n"
            + "  template:\n    metadata: {labels: {app: plain}}\n"
            + "    spec: {containers: [{name: app, image: example/app}]}\n");
    ObjectNode extra = Serialization.jsonMapper().createObjectNode();
    extra
        .putArray("components")
        .add(
            app.relativize(EXAMPLES.resolve("gate/kustomize/schemagate-gate").toAbsolutePath())
                .toString());
    extra.putArray("resources").add("deployment.yaml");
    Files.writeString(
        app.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            + Serialization.yamlMapper().writeValueAsString(extra).replaceFirst("^---\\n", ""));

    JsonNode deployment = render(app).get(0);
    JsonNode template = deployment.at("/spec/template");
    assertThat(template.at("/metadata/labels/app").asText()).isEqualTo("plain");
    assertThat(template.at("/metadata/labels/schemagate.io~1gated").asText()).isEqualTo("true");
    assertThat(template.at("/metadata/annotations/schemagate.io~1migration").asText())
        .isEqualTo("lets-talk");
    assertThat(template.at("/metadata/annotations/schemagate.io~1requires-version").asText())
        .isEqualTo("6");
    assertThat(template.at("/spec/schedulingGates/0/name").asText())
        .isEqualTo("schemagate.io/schema");
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
  }

  @Test
  void fluxAppliesTheApplicationOnlyAfterItsSchemaIsReady() throws Exception {
    assertThat(kinds(render(EXAMPLES.resolve("lets-talk"))))
        .containsExactly("ConfigMap", "DatabaseMigration", "Deployment");
    List<JsonNode> steps = new ArrayList<>();
    try (var parser =
        Serialization.yamlMapper()
            .getFactory()
            .createParser(
                Files.readString(EXAMPLES.resolve("lets-talk/flux/kustomization.yaml")))) {
      Serialization.yamlMapper().readValues(parser, JsonNode.class).forEachRemaining(steps::add);
    }
    assertThat(steps)
        .extracting(s -> s.at("/metadata/name").asText())
        .containsExactly("lets-talk-schema", "lets-talk-app");
    JsonNode schema = steps.get(0).get("spec");
    JsonNode app = steps.get(1).get("spec");
    assertThat(schema.at("/healthChecks/0/kind").asText()).isEqualTo("DatabaseMigration");
    assertThat(schema.at("/healthChecks/0/name").asText()).isEqualTo("lets-talk");
    assertThat(app.at("/dependsOn/0/name").asText()).isEqualTo("lets-talk-schema");

    // Each step as Flux builds it: its path, with its own patches on top.
    List<List<String>> rendered = new ArrayList<>();
    for (JsonNode step : List.of(schema, app)) {
      assertThat(step.get("path").asText()).isEqualTo("./examples/lets-talk");
      ObjectNode extra = Serialization.jsonMapper().createObjectNode();
      extra.set("patches", step.get("patches"));
      Path folder = kustomization("flux-" + rendered.size(), extra, EXAMPLES.resolve("lets-talk"));
      rendered.add(kinds(render(folder)));
    }
    assertThat(rendered.get(0)).containsExactly("ConfigMap", "DatabaseMigration");
    assertThat(rendered.get(1)).containsExactly("Deployment");
  }

  @Test
  void theSqliteExampleNamesWhatTheOperatorNeedsAndFitsItsPolicy() throws Exception {
    Path file = EXAMPLES.resolve("lets-talk/databasemigration-sqlite.yaml");
    String text = Files.readString(file);
    assertThat(text).contains("--allow-local-databases").contains("localDatabases.enabled: true");
    String url = Serialization.yamlMapper().readTree(text).at("/spec/database/url").asText();
    Assertions.assertThatThrownBy(
            () -> DatabaseUrl.parse(url, TargetPolicy.tenant("shop", Optional.empty())))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("--allow-local-databases");
    DatabaseUrl allowed = DatabaseUrl.parse(url, TargetPolicy.tenant("shop", Optional.of(work)));
    assertThat(allowed.jdbcUrl()).isEqualTo("jdbc:sqlite:" + work.resolve("shop/lets_talk.db"));
  }
}
