package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.Vocabulary;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.rollout.RunningPod;
import io.schemagate.rollout.SchemaVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One version grammar for a rollout: a pod's requires-version (the gate, and the running pods a
 * contract step waits for), a resource's spec.target (the decision) and {@code wait --version} read
 * {@code V7}, {@code 7}, {@code 1.20.0} and {@code 1_20_0} alike, and refuse the same words.
 */
class VersionGrammarTest {
  private static final ScriptSet BUNDLE =
      BundleLoader.fromFiles(
              "test",
              Map.of(
                  "V7__a.sql", "SELECT 1;".getBytes(StandardCharsets.UTF_8),
                  "V1_20_0__b.sql", "SELECT 2;".getBytes(StandardCharsets.UTF_8)))
          .forDatabase(DatabaseKind.POSTGRESQL);

  private static Pod pod(String requires) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-1")
        .withNamespace("apps")
        .addToAnnotations(GateAnnotations.MIGRATION, "shop")
        .addToAnnotations(GateAnnotations.REQUIRES_VERSION, requires)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .build();
  }

  private static DatabaseMigration at(String applied) {
    DatabaseMigration migration = new DatabaseMigration();
    DatabaseMigrationStatus status = new DatabaseMigrationStatus();
    status.appliedVersion = applied;
    migration.setStatus(status);
    return migration;
  }

  @ParameterizedTest(name = "{0} means {1}")
  @CsvSource({
    "V7, 7",
    "v7, 7",
    "7, 7",
    "' 7 ', 7",
    "1.20.0, 1.20.0",
    "1_20_0, 1.20.0",
    "V1_20_0, 1.20.0",
  })
  void everyPlaceReadsAVersionAlike(String written, String version) {
    // wait --version reads the grammar itself.
    assertThat(SchemaVersion.parse(written)).contains(version);
    // The gate: a pod requiring it is released at that version and held below it.
    assertThat(RunningPod.required(pod(written))).contains(version);
    assertThat(GateDecision.of(pod(written), at(version)).release()).isTrue();
    assertThat(GateDecision.of(pod(written), at("1")).release()).isFalse();
    // The decision: spec.target names that version of the bundle.
    assertThat(BUNDLE.resolveTarget(written, Vocabulary.COMMAND_LINE)).isEqualTo(version);
  }

  @ParameterizedTest(name = "''{0}'' is not a version")
  @CsvSource({"latest", "7a", "V", "1..2", "-1", "x7", "1.2-rc1"})
  void everyPlaceRefusesTheSameWords(String written) {
    assertThat(SchemaVersion.parse(written)).isEmpty();
    assertThat(RunningPod.required(pod(written))).isEmpty();
    assertThat(GateDecision.of(pod(written), at("9")).problem())
        .contains("'" + written + "', not a version");
  }
}
