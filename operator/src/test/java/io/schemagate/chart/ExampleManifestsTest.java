package io.schemagate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest in examples/ parses, and every DatabaseMigration in it fits the CRD schema. */
class ExampleManifestsTest {
  private static final Path EXAMPLES = Databases.exampleMigrations().getParent().getParent();
  private static final String CRD = "/META-INF/fabric8/databasemigrations.schemagate.io-v1.yml";

  private static List<JsonNode> documents(Path file) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser =
        Serialization.yamlMapper().getFactory().createParser(Files.readString(file))) {
      Iterator<JsonNode> it = Serialization.yamlMapper().readValues(parser, JsonNode.class);
      it.forEachRemaining(
          d -> {
            if (d != null && !d.isNull() && !d.isMissingNode()) {
              documents.add(d);
            }
          });
    }
    return documents;
  }

  private static List<Path> manifests() throws Exception {
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .toList();
    }
  }

  /**
   * The CRD's schema, strict: the API server prunes unknown fields silently, so for examples an
   * unknown field (a typo) counts as an error.
   */
  private static JsonSchema crdSchema() throws Exception {
    JsonNode crd =
        Serialization.yamlMapper().readTree(ExampleManifestsTest.class.getResourceAsStream(CRD));
    ObjectNode schema = (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    strict(schema.get("properties").get("spec"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
  }

  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("properties")) {
      if (!object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.get("properties").forEach(ExampleManifestsTest::strict);
    }
    if (node.has("items")) {
      strict(node.get("items"));
    }
  }

  @Test
  void everyManifestParsesAndNamesItsKind() throws Exception {
    List<Path> files = manifests();
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      List<JsonNode> documents = documents(file);
      assertThat(documents).as(file.toString()).isNotEmpty();
      for (JsonNode document : documents) {
        assertThat(document.path("kind").asText()).as(file + " has a kind").isNotBlank();
        assertThat(document.path("apiVersion").asText())
            .as(file + " has an apiVersion")
            .isNotBlank();
      }
    }
  }

  @Test
  void everyExampleDatabaseMigrationFitsTheCrdSchema() throws Exception {
    JsonSchema schema = crdSchema();
    int checked = 0;
    for (Path file : manifests()) {
      for (JsonNode document : documents(file)) {
        if ("DatabaseMigration".equals(document.path("kind").asText())) {
          Set<ValidationMessage> errors = schema.validate(document);
          assertThat(errors).as(file.toString()).isEmpty();
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void theStrictSchemaCatchesTyposAndBadValues() throws Exception {
    JsonSchema schema = crdSchema();
    JsonNode typo =
        Serialization.yamlMapper()
            .readTree(
                "apiVersion: schemagate.io/v1alpha1\nkind: DatabaseMigration\nmetadata: {name: x}\n"
                    + "spec: {databse: {url: 'h2:mem:x'}, source: {inline: {V1__a.sql: 'select 1'}}}\n");
    assertThat(schema.validate(typo).toString()).contains("databse");
    JsonNode badEnum =
        Serialization.yamlMapper()
            .readTree(
                "apiVersion: schemagate.io/v1alpha1\nkind: DatabaseMigration\nmetadata: {name: x}\n"
                    + "spec: {database: {url: 'h2:mem:x'}, source: {configMaps: [{name: a}]},"
                    + " policy: {approval: Sometimes}}\n");
    assertThat(schema.validate(badEnum).toString()).contains("approval");
  }
}
