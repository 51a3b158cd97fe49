package io.schemagate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.Databases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's ValidatingAdmissionPolicy, run with Google's CEL on sample old and new pods: the
 * operator's identity may remove its own scheduling gate and change nothing else. The mock API
 * server does not evaluate admission policies, so this test runs the chart's own expressions.
 */
class AdmissionPolicyTest {
  private static final Path CHART =
      Databases.exampleMigrations().getParent().getParent().getParent().resolve("helm/schemagate");
  private static final String OPERATOR = "system:serviceaccount:schemagate:sg-schemagate";

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private static JsonNode policy;

  @BeforeAll
  static void render() throws Exception {
    String yaml = new Helm(CHART).template().withName("sg").withNamespace("schemagate").call();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      JsonNode node = Serialization.yamlMapper().readTree(document);
      if (node != null && "ValidatingAdmissionPolicy".equals(node.path("kind").asText())) {
        policy = node;
      }
    }
    assertThat(policy).as("the chart renders the policy by default").isNotNull();
  }

  private static Pod gatedPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("app-1")
        .withNamespace("shop")
        .addToLabels(GateAnnotations.GATED_LABEL, "true")
        .addToAnnotations(GateAnnotations.MIGRATION, "shop")
        .addToAnnotations(GateAnnotations.REQUIRES_VERSION, "7")
        .endMetadata()
        .withNewSpec()
        .addNewSchedulingGate()
        .withName("example.com/other")
        .endSchedulingGate()
        .addNewSchedulingGate()
        .withName(GateAnnotations.GATE)
        .endSchedulingGate()
        .addNewContainer()
        .withName("app")
        .withImage("shop:7")
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod changed(UnaryOperator<PodBuilder> change) {
    return change.apply(new PodBuilder(gatedPod())).build();
  }

  /** Kubernetes objects as CEL sees them: maps, lists, strings, longs and booleans. */
  private static Object value(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(value(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  private static Object pod(Pod pod) {
    return value(Serialization.jsonMapper().valueToTree(pod));
  }

  private static boolean eval(String expression, Map<String, Object> variables) throws Exception {
    var ast = COMPILER.compile(expression).getAst();
    return (Boolean) RUNTIME.createProgram(ast).eval(variables);
  }

  /** The messages of the validations that deny this update, empty when it is allowed. */
  private static List<String> denials(Pod before, Pod after, String user) throws Exception {
    Map<String, Object> variables =
        Map.of(
            "object", pod(after),
            "oldObject", pod(before),
            "request", Map.of("userInfo", Map.of("username", user)));
    for (JsonNode condition : policy.path("spec").path("matchConditions")) {
      if (!eval(condition.path("expression").asText(), variables)) {
        return List.of();
      }
    }
    List<String> denied = new ArrayList<>();
    for (JsonNode validation : policy.path("spec").path("validations")) {
      if (!eval(validation.path("expression").asText(), variables)) {
        denied.add(validation.path("message").asText());
      }
    }
    return denied;
  }

  @Test
  void theOperatorMayRemoveItsOwnGateAndNothingElse() throws Exception {
    Pod before = gatedPod();
    Pod released =
        changed(
            b ->
                b.editSpec()
                    .withSchedulingGates(before.getSpec().getSchedulingGates().get(0))
                    .endSpec());
    assertThat(denials(before, released, OPERATOR)).isEmpty();
    assertThat(denials(before, before, OPERATOR)).as("no change at all").isEmpty();

    Pod allGatesGone = changed(b -> b.editSpec().withSchedulingGates(List.of()).endSpec());
    assertThat(denials(before, allGatesGone, OPERATOR))
        .containsExactly(
            "the schemagate operator may only remove its own scheduling gate,"
                + " schemagate.io/schema");
    Pod otherGateGone =
        changed(
            b ->
                b.editSpec()
                    .withSchedulingGates(before.getSpec().getSchedulingGates().get(1))
                    .endSpec());
    assertThat(denials(before, otherGateGone, OPERATOR)).hasSize(1);
  }

  @Test
  void imagesPlacementAndMetadataStayAsTheyWere() throws Exception {
    Pod before = gatedPod();
    Pod newImage =
        changed(
            b ->
                b.editSpec()
                    .withSchedulingGates(before.getSpec().getSchedulingGates().get(0))
                    .editFirstContainer()
                    .withImage("attacker/miner:latest")
                    .endContainer()
                    .endSpec());
    assertThat(denials(before, newImage, OPERATOR))
        .containsExactly("the schemagate operator may not change a pod's containers");
    Pod initContainer =
        changed(
            b ->
                b.editSpec()
                    .addNewInitContainer()
                    .withName("x")
                    .withImage("x")
                    .endInitContainer()
                    .endSpec());
    assertThat(denials(before, initContainer, OPERATOR)).hasSize(1);
    Pod toleration =
        changed(
            b ->
                b.editSpec()
                    .withTolerations(new Toleration("NoSchedule", "k", "Exists", null, null))
                    .endSpec());
    assertThat(denials(before, toleration, OPERATOR))
        .containsExactly("the schemagate operator may not change where or how long a pod runs");
    Pod node =
        changed(b -> b.editSpec().addToNodeSelector("kubernetes.io/hostname", "n1").endSpec());
    assertThat(denials(before, node, OPERATOR)).hasSize(1);
    Pod label = changed(b -> b.editMetadata().addToLabels("role", "admin").endMetadata());
    assertThat(denials(before, label, OPERATOR))
        .containsExactly(
            "the schemagate operator may not change a pod's labels, annotations, finalizers or"
                + " owners");
  }

  @Test
  void thePolicyBindsOnlyTheOperatorsIdentity() throws Exception {
    Pod before = gatedPod();
    Pod newImage =
        changed(
            b -> b.editSpec().editFirstContainer().withImage("other:1").endContainer().endSpec());
    assertThat(denials(before, newImage, "system:serviceaccount:shop:deployer"))
        .as("other identities are not this policy's business")
        .isEmpty();
    assertThat(denials(before, newImage, OPERATOR)).isNotEmpty();
    assertThat(policy.path("spec").path("failurePolicy").asText()).isEqualTo("Fail");
  }
}
