package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The shipped Argo CD health.lua and kstatus's rules (what Flux, Helm 4 and kubectl wait read)
 * agree on DatabaseMigrations in every state the operator produces.
 */
class GitOpsHealthTest {
  private static final Path HEALTH_LUA =
      Databases.exampleMigrations().getParent().resolve("argocd/health.lua");

  /** The conditions the operator sets for a reason, as the status assembler does. */
  private static DatabaseMigration object(Reason reason, long generation, long observed) {
    DatabaseMigration resource = new DatabaseMigration();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName("lets-talk")
            .withNamespace("apps")
            .withGeneration(generation)
            .build());
    DatabaseMigrationStatus status = new DatabaseMigrationStatus();
    status.observedGeneration = observed;
    status.conditions = Conditions.of(List.of(), reason, reason.meaning(), observed, Instant.now());
    resource.setStatus(status);
    return resource;
  }

  /** kstatus's documented rules for custom resources (sigs.k8s.io/cli-utils/pkg/kstatus). */
  static String kstatus(JsonNode object) {
    JsonNode status = object.get("status");
    if (status == null || status.isNull()) {
      return "Current";
    }
    JsonNode observed = status.get("observedGeneration");
    JsonNode generation = object.at("/metadata/generation");
    if (observed != null
        && !generation.isMissingNode()
        && observed.asLong() != generation.asLong()) {
      return "InProgress";
    }
    for (JsonNode condition : status.path("conditions")) {
      String type = condition.path("type").asText();
      boolean isTrue = "True".equals(condition.path("status").asText());
      if (type.equals("Reconciling") && isTrue) {
        return "InProgress";
      }
      if (type.equals("Stalled") && isTrue) {
        return "Failed";
      }
    }
    return "Current";
  }

  static String argoHealth(JsonNode object) throws Exception {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(object));
    LuaValue result = globals.load(Files.readString(HEALTH_LUA), "health.lua").call();
    return result.get("status").tojstring();
  }

  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  private static JsonNode json(DatabaseMigration resource) {
    return Serialization.jsonMapper().valueToTree(resource);
  }

  /** Argo CD health and kstatus status that mean the same thing. */
  private static final Map<String, String> SAME_MEANING =
      Map.of(
          "Healthy",
          "Current",
          "Progressing",
          "InProgress",
          "Degraded",
          "Failed",
          "Suspended",
          "Current");

  @ParameterizedTest
  @EnumSource(Reason.class)
  void argoAndKstatusAgreeForEveryReason(Reason reason) throws Exception {
    JsonNode object = json(object(reason, 3, 3));
    String argo = argoHealth(object);
    String expected =
        switch (reason) {
          case Applied, AheadOfBundle, ContractStepHeld -> "Healthy";
          case Suspended -> "Suspended";
          case Migrating, ApprovalPending, WaveApprovalPending -> "Progressing";
          default -> reason.isTransient() ? "Progressing" : "Degraded";
        };
    assertThat(argo).isEqualTo(expected);
    assertThat(kstatus(object)).isEqualTo(SAME_MEANING.get(argo));
  }

  @Test
  void aGenerationNotYetObservedIsProgressingForBoth() throws Exception {
    JsonNode object = json(object(Reason.Applied, 4, 3));
    assertThat(argoHealth(object)).isEqualTo("Progressing");
    assertThat(kstatus(object)).isEqualTo("InProgress");
  }

  @Test
  void aResourceWithoutStatusIsProgressingInArgo() throws Exception {
    DatabaseMigration fresh = object(Reason.Applied, 1, 1);
    fresh.setStatus(null);
    assertThat(argoHealth(json(fresh))).isEqualTo("Progressing");
  }
}
