package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.operator.OperatorHarnessAccess;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.LiveOperator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pods wait for their schema version and are released by a status change, on a mock API. */
@EnableKubernetesMockClient(crud = true)
@LiveOperator
class GateTest {
  private static final String NS = "apps";
  KubernetesClient client;
  private AutoCloseable operator;

  @BeforeEach
  void start() throws Exception {
    operator = OperatorHarnessAccess.start(client);
  }

  @AfterEach
  void stop() throws Exception {
    operator.close();
  }

  /** A DatabaseMigration the operator leaves alone (suspended), at the given applied version. */
  private void migrationAt(String name, String applied) {
    DatabaseMigration resource = OperatorHarnessAccess.suspended(NS, name);
    if (client.resources(DatabaseMigration.class).inNamespace(NS).withName(name).get() == null) {
      client.resource(resource).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                DatabaseMigration current =
                    client.resources(DatabaseMigration.class).inNamespace(NS).withName(name).get();
                return current.getStatus() != null && !current.getStatus().conditions.isEmpty();
              });
    }
    setApplied(name, applied);
  }

  private void setApplied(String name, String applied) {
    client
        .resources(DatabaseMigration.class)
        .inNamespace(NS)
        .withName(name)
        .subresource("status")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"status\":{\"appliedVersion\":\"" + applied + "\"}}");
  }

  private Pod pod(String name, Map<String, String> annotations, boolean labelled, String... gates) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("lets-talk:2")
            .endContainer()
            .endSpec();
    if (labelled) {
      builder.editMetadata().addToLabels(GateAnnotations.GATED_LABEL, "true").endMetadata();
    }
    for (String gate : gates) {
      builder.editSpec().addNewSchedulingGate().withName(gate).endSchedulingGate().endSpec();
    }
    return client.resource(builder.build()).create();
  }

  private Pod gatedPod(String name, String migration, String version, String... otherGates) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(GateAnnotations.MIGRATION, migration);
    annotations.put(GateAnnotations.REQUIRES_VERSION, version);
    String[] gates = new String[otherGates.length + 1];
    System.arraycopy(otherGates, 0, gates, 0, otherGates.length);
    gates[otherGates.length] = GateAnnotations.GATE;
    return pod(name, annotations, true, gates);
  }

  private List<String> gates(String pod) {
    Pod current = client.pods().inNamespace(NS).withName(pod).get();
    List<PodSchedulingGate> gates = current.getSpec().getSchedulingGates();
    return gates == null ? List.of() : gates.stream().map(PodSchedulingGate::getName).toList();
  }

  private void awaitReleased(String pod) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !gates(pod).contains(GateAnnotations.GATE));
  }

  private List<Event> events(String pod) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private void awaitEvent(String pod, String reason, String fragment) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                events(pod).stream()
                    .anyMatch(
                        e -> reason.equals(e.getReason()) && e.getMessage().contains(fragment)));
  }

  private DatabaseMigration migration(String name) {
    return client.resources(DatabaseMigration.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void podsWaitForTheirVersionAndOnlyOurGateIsRemoved() throws Exception {
    migrationAt("lets-talk", "5");
    gatedPod("new-1", "lets-talk", "7", "other.example.com/quota");
    gatedPod("old-1", "lets-talk", "3");

    awaitReleased("old-1");
    awaitEvent(
        "new-1",
        "WaitingForSchema",
        "Waiting for DatabaseMigration lets-talk: applied version 5, required 7");
    assertThat(gates("new-1")).containsExactly("other.example.com/quota", GateAnnotations.GATE);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Integer.valueOf(1).equals(migration("lets-talk").getStatus().waitingPods));

    setApplied("lets-talk", "7");
    awaitReleased("new-1");
    assertThat(gates("new-1")).containsExactly("other.example.com/quota");
    awaitEvent("new-1", "SchemaReady", "scheduling gate removed");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Integer.valueOf(0).equals(migration("lets-talk").getStatus().waitingPods));
  }

  @Test
  void versionsCompareInFlywayOrder() throws Exception {
    migrationAt("ordered", "1.10");
    gatedPod("needs-1-9", "ordered", "1.9");
    gatedPod("needs-1-11", "ordered", "1.11");
    awaitReleased("needs-1-9");
    awaitEvent("needs-1-11", "WaitingForSchema", "applied version 1.10, required 1.11");
    assertThat(gates("needs-1-11")).contains(GateAnnotations.GATE);
  }

  @Test
  void badAnnotationsAndMissingResourcesFailClosedWithAWarning() throws Exception {
    pod("no-migration", Map.of(GateAnnotations.REQUIRES_VERSION, "2"), true, GateAnnotations.GATE);
    pod(
        "bad-version",
        Map.of(GateAnnotations.MIGRATION, "later", GateAnnotations.REQUIRES_VERSION, "seven"),
        true,
        GateAnnotations.GATE);
    gatedPod("early", "later", "2");
    pod(
        "unlabelled",
        Map.of(GateAnnotations.MIGRATION, "later", GateAnnotations.REQUIRES_VERSION, "1"),
        false,
        GateAnnotations.GATE);

    awaitEvent(
        "no-migration", "SchemaGateMisconfigured", "has no annotation schemagate.io/migration");
    awaitEvent("bad-version", "SchemaGateMisconfigured", "'seven', not a version");
    awaitEvent(
        "early",
        "SchemaGateMisconfigured",
        "DatabaseMigration apps/later (annotation schemagate.io/migration) does not exist");

    // The resource appears after the pods: its first status releases the waiting pod.
    migrationAt("later", "2");
    awaitReleased("early");
    assertThat(gates("no-migration")).contains(GateAnnotations.GATE);
    assertThat(gates("bad-version")).contains(GateAnnotations.GATE);
    // A negative check: the gate never reads unlabelled pods, so nothing happens that could be
    // awaited. Had it read this one (created with the others), it would have acted by now.
    Thread.sleep(500);
    assertThat(gates("unlabelled")).contains(GateAnnotations.GATE);
    assertThat(events("unlabelled")).isEmpty();
  }

  @Test
  void twoHundredPodsAreReleasedByOneStatusChange() throws Exception {
    migrationAt("fleet", "1");
    for (int i = 0; i < 200; i++) {
      gatedPod("fleet-" + i, "fleet", "2");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Integer.valueOf(200).equals(migration("fleet").getStatus().waitingPods));
    setApplied("fleet", "2");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                client.pods().inNamespace(NS).list().getItems().stream()
                    .noneMatch(p -> GateAnnotations.gateIndex(p) >= 0));
  }
}
