package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped examples parse and carry what the gate looks for. */
class ExamplesTest {
  private static final Path EXAMPLES = Databases.exampleMigrations().getParent().getParent();

  @Test
  void theGatedDeploymentCarriesLabelAnnotationsGateAndSafeStrategy() throws Exception {
    Deployment deployment =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve("lets-talk/deployment.yaml")), Deployment.class);
    var template = deployment.getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsEntry(GateAnnotations.GATED_LABEL, "true");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry(GateAnnotations.MIGRATION, "lets-talk")
        .containsEntry(GateAnnotations.REQUIRES_VERSION, "6");
    assertThat(template.getSpec().getSchedulingGates())
        .extracting(g -> g.getName())
        .containsExactly(GateAnnotations.GATE);
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isPositive();
  }

  @Test
  void theDatabaseMigrationExampleParses() throws Exception {
    DatabaseMigration migration =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve("lets-talk/databasemigration-postgresql.yaml")),
            DatabaseMigration.class);
    assertThat(migration.getSpec().database.credentialsSecret.name).isEqualTo("lets-talk-db");
    assertThat(migration.getSpec().source.configMaps)
        .extracting(r -> r.name)
        .containsExactly("lets-talk-migrations");
  }

  @Test
  void theKustomizeComponentAndHelmHelperUseTheGateNames() throws Exception {
    String component =
        Files.readString(EXAMPLES.resolve("gate/kustomize/schemagate-gate/kustomization.yaml"));
    assertThat(Serialization.yamlMapper().readTree(component).get("kind").asText())
        .isEqualTo("Component");
    assertThat(component)
        .contains(
            GateAnnotations.GATED_LABEL + ": \"true\"",
            GateAnnotations.MIGRATION + ": ",
            GateAnnotations.REQUIRES_VERSION + ": ",
            "name: " + GateAnnotations.GATE);
    String helper = Files.readString(EXAMPLES.resolve("gate/helm/_schemagate-gate.tpl"));
    assertThat(helper)
        .contains(
            GateAnnotations.GATED_LABEL,
            GateAnnotations.MIGRATION,
            GateAnnotations.REQUIRES_VERSION,
            GateAnnotations.GATE);
  }
}
