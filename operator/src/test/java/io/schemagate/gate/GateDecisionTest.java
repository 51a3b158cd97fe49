package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.schemagate.api.ContractHold;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.PendingScript;
import io.schemagate.api.Plan;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.rollout.RunningPod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's decision and the running pods a contract step waits for, as plain values. */
class GateDecisionTest {
  private static Pod pod(String name, String requires, boolean gated, String phase) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("apps")
            .addToAnnotations(GateAnnotations.MIGRATION, "shop")
            .addToAnnotations(GateAnnotations.REQUIRES_VERSION, requires)
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (gated) {
      builder
          .editSpec()
          .addNewSchedulingGate()
          .withName(GateAnnotations.GATE)
          .endSchedulingGate()
          .endSpec();
    }
    return builder.build();
  }

  /** At version 2, with 3 and 4 pending; the versions in {@code contract} are contract steps. */
  private static DatabaseMigration atTwo(String... contract) {
    DatabaseMigration migration = new DatabaseMigration();
    DatabaseMigrationStatus status = new DatabaseMigrationStatus();
    status.appliedVersion = "2";
    status.pending =
        List.of(new PendingScript("3", "a", "V3__a.sql"), new PendingScript("4", "b", "V4__b.sql"));
    status.plan = new Plan();
    for (String version : contract) {
      ContractHold hold = new ContractHold();
      hold.version = version;
      status.plan.contractSteps.add(hold);
    }
    migration.setStatus(status);
    return migration;
  }

  @Test
  void aPodThatRequiresAPendingContractStepStartsBeforeItRuns() {
    assertThat(GateDecision.of(pod("new", "3", true, null), atTwo("3")).release()).isTrue();
    // Without contract steps it waits for its version.
    assertThat(GateDecision.of(pod("new", "3", true, null), atTwo()).release()).isFalse();
  }

  @Test
  void aPodThatNeedsAnExpandStepAfterTheContractStepWaits() {
    // 4 is an ordinary step after the contract step 3: the pod needs it applied.
    assertThat(GateDecision.of(pod("new", "4", true, null), atTwo("3")).release()).isFalse();
    // Above every pending version (and the target) nothing is pending to stand for it.
    assertThat(GateDecision.of(pod("new", "9", true, null), atTwo("3", "4")).release()).isFalse();
    assertThat(GateDecision.of(pod("new", "4", true, null), atTwo("3", "4")).release()).isTrue();
  }

  @Test
  void runningPodsAreTheReleasedUnfinishedOnesOfTheMigration() {
    Pod other = pod("other", "1", false, "Running");
    other.getMetadata().getAnnotations().put(GateAnnotations.MIGRATION, "billing");
    List<RunningPod> running =
        RunningPod.of(
            List.of(
                pod("web-b", "2", false, "Running"),
                pod("web-a", "1_1", false, null),
                pod("held", "1", true, "Pending"),
                pod("done", "1", false, "Succeeded"),
                pod("crashed", "1", false, "Failed"),
                pod("typo", "latest", false, "Running"),
                other),
            "shop");
    // A running pod with no readable version may need anything: it is kept, without a version.
    assertThat(running)
        .containsExactly(
            new RunningPod("typo", null),
            new RunningPod("web-a", "1.1"),
            new RunningPod("web-b", "2"));
    assertThat(running.get(1)).hasToString("web-a (requires 1.1)");
    assertThat(running.get(0)).hasToString("typo (no version in schemagate.io/requires-version)");
    assertThat(running.get(0).needsBelow("1")).isTrue();
    assertThat(running.get(2).needsBelow("2")).isFalse();
    // A held pod without a version is the gate's to report, not a reason to stop a rollout.
    assertThat(RunningPod.held(List.of(pod("typo-held", "two", true, null)), "shop")).isEmpty();
  }
}
