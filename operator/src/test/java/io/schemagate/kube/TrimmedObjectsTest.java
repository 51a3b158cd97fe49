package io.schemagate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.rollout.GateAnnotations;
import org.junit.jupiter.api.Test;

/** The informers' copies keep what the code reads and nothing a tenant can make large. */
class TrimmedObjectsTest {
  private static final String LARGE = "x".repeat(250 * 1024);

  @Test
  void aPodKeepsItsIdentityGatesPhaseAndSchemagatesAnnotationsOnly() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-1")
            .withNamespace("apps")
            .withUid("u-1")
            .withResourceVersion("42")
            .addToLabels(GateAnnotations.GATED_LABEL, "true")
            .addToLabels("app", LARGE.substring(0, 63))
            .addToAnnotations(GateAnnotations.MIGRATION, "lets-talk")
            .addToAnnotations(GateAnnotations.REQUIRES_VERSION, LARGE)
            .addToAnnotations("example.com/notes", LARGE)
            .endMetadata()
            .withNewSpec()
            .addNewSchedulingGate(GateAnnotations.GATE)
            .addNewContainer()
            .withName("web")
            .withImage("example/web:" + LARGE.substring(0, 100))
            .withArgs(LARGE)
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .withMessage(LARGE)
            .endStatus()
            .build();

    Pod trimmed = TrimmedObjects.pod(pod, GateAnnotations.READ);

    assertThat(trimmed.getMetadata().getName()).isEqualTo("web-1");
    assertThat(trimmed.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(trimmed.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(trimmed.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(trimmed.getMetadata().getLabels()).containsOnlyKeys(GateAnnotations.GATED_LABEL);
    assertThat(trimmed.getMetadata().getAnnotations())
        .containsOnlyKeys(GateAnnotations.MIGRATION, GateAnnotations.REQUIRES_VERSION)
        .containsEntry(GateAnnotations.MIGRATION, "lets-talk");
    // A value too long to be a version keeps its start, and still reads as no version.
    assertThat(trimmed.getMetadata().getAnnotations().get(GateAnnotations.REQUIRES_VERSION))
        .hasSize(65)
        .endsWith("\u2026");
    assertThat(trimmed.getSpec().getSchedulingGates())
        .extracting(g -> g.getName())
        .containsExactly(GateAnnotations.GATE);
    assertThat(trimmed.getSpec().getContainers()).isEmpty();
    assertThat(trimmed.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(Serialization.asJson(trimmed).length()).isLessThan(1024);
  }

  @Test
  void aConfigMapKeepsItsNameAndNoData() {
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("migrations")
            .withNamespace("apps")
            .withResourceVersion("7")
            .addToLabels("schemagate.io/bundle", "true")
            .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", LARGE)
            .endMetadata()
            .addToData("V1__a.sql", LARGE)
            .addToBinaryData("V2__b.sql", LARGE)
            .build();

    ConfigMap trimmed = TrimmedObjects.configMap(configMap);

    assertThat(trimmed.getMetadata().getName()).isEqualTo("migrations");
    assertThat(trimmed.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(trimmed.getMetadata().getLabels()).containsEntry("schemagate.io/bundle", "true");
    assertThat(trimmed.getMetadata().getAnnotations()).isNull();
    assertThat(trimmed.getData()).isNullOrEmpty();
    assertThat(trimmed.getBinaryData()).isNullOrEmpty();
  }
}
