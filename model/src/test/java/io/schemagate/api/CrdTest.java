package io.schemagate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed CRDs are the generated one, and the CRD explains and validates what it can. */
class CrdTest {
  private static final String FILE = "databasemigrations.schemagate.io-v1.yml";
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", FILE);

  @Test
  void theCommittedCrdsAreCurrent() throws Exception {
    String generated = Files.readString(GENERATED);
    for (Path committed :
        List.of(Path.of("../crds", FILE), Path.of("../helm/schemagate/crds", FILE))) {
      assertThat(committed).exists();
      assertThat(Files.readString(committed))
          .as(committed + " is stale: run ./mvnw -B -Pupdate-crds process-classes and commit it")
          .isEqualTo(generated);
    }
  }

  @Test
  void everyFieldHasADescriptionAndTheSchemaChecksWhatItCan() throws Exception {
    JsonNode crd = Serialization.yamlMapper().readTree(Files.readString(GENERATED));
    JsonNode version = crd.at("/spec/versions/0");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo("dbm");
    List<String> columns = new ArrayList<>();
    version.at("/additionalPrinterColumns").forEach(c -> columns.add(c.get("name").asText()));
    assertThat(columns)
        .containsExactlyInAnyOrder("Applied", "Target", "Pending", "Ready", "Reason", "Age");

    JsonNode schema = version.at("/schema/openAPIV3Schema/properties");
    List<String> undescribed = new ArrayList<>();
    collectUndescribed("spec", schema.get("spec"), undescribed);
    collectUndescribed("status", schema.get("status"), undescribed);
    assertThat(undescribed).isEmpty();

    JsonNode spec = schema.get("spec");
    assertThat(spec.at("/required").toString()).contains("source");
    // One database, or one kind of fleet: the API server refuses any other combination.
    assertThat(spec.at("/x-kubernetes-validations/0/message").asText())
        .isEqualTo("set exactly one of spec.database, spec.targets and spec.targetSecrets");
    assertThat(spec.at("/properties/policy/properties/approval/enum").toString())
        .contains("Automatic", "Manual");
    assertThat(spec.at("/properties/database/x-kubernetes-validations/0/rule").asText())
        .isEqualTo("has(self.url) != has(self.urlFrom)");
    assertThat(schema.at("/status/properties/observedGeneration/default").asLong()).isEqualTo(-1);
    assertThat(spec.at("/properties/target/default").asText()).isEqualTo("latest");
    // An unknown Flyway setting reaches the operator, which refuses it by name.
    assertThat(spec.at("/properties/flyway/x-kubernetes-preserve-unknown-fields").asBoolean())
        .isTrue();
  }

  private static void collectUndescribed(String path, JsonNode node, List<String> out) {
    JsonNode properties = node.get("properties");
    if (properties == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String here = path + "." + field.getKey();
      // Kubernetes' own Condition type describes its fields in the API reference.
      if (here.startsWith("status.conditions")) {
        continue;
      }
      if (!field.getValue().has("description")) {
        out.add(here);
      }
      collectUndescribed(here, field.getValue(), out);
      if (field.getValue().has("items")) {
        collectUndescribed(here + "[]", field.getValue().get("items"), out);
      }
    }
  }

  @Test
  void anUnknownFlywaySettingSurvivesEveryReadAndWrite() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    FlywaySpec read =
        mapper.readValue("{\"callbacks\":\"com.example.Spy\",\"mixed\":true}", FlywaySpec.class);
    assertThat(read.unknownFields()).containsEntry("callbacks", "com.example.Spy");
    assertThat(mapper.writeValueAsString(read)).contains("\"callbacks\":\"com.example.Spy\"");
  }
}
