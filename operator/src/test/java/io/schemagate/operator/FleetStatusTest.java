package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.operator.FleetMemory.Seen;
import io.schemagate.operator.FleetRollout.TargetState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fleet's status stays bounded whatever its size, and says what the rollout waits for. */
class FleetStatusTest {
  private static final String ROLLOUT = "3/sha256:abc";

  private static Seen seen(TargetState state, String applied, TargetResult result) {
    DatabaseMigrationStatus status = new DatabaseMigrationStatus();
    status.appliedVersion = applied;
    status.targetVersion = "40";
    return new Seen(ROLLOUT, state, true, status, result);
  }

  private static FleetStatusAssembler.Rollout rollout(boolean halted, int wave) {
    return new FleetStatusAssembler.Rollout(
        ROLLOUT,
        new FleetRollout.Next(wave, List.of(), halted, null, null, null),
        101,
        halted,
        null,
        0,
        Duration.ZERO,
        null,
        java.util.Set.of("a"));
  }

  @Test
  void theStatusOfTenThousandTargetsStaysUnder64KiB() throws Exception {
    List<String> names = new ArrayList<>();
    Map<String, Seen> targets = new HashMap<>();
    String longMessage = "ERROR: relation \"orders\" already exists ".repeat(50);
    for (int i = 0; i < 10_000; i++) {
      String name = String.format("tenant-with-a-long-name-%05d", i);
      names.add(name);
      TargetState state = TargetState.values()[i % TargetState.values().length];
      TargetResult result =
          state == TargetState.FAILED
              ? TargetResult.failed(
                  Reason.MigrationFailed, longMessage, "V" + (i % 40) + "__orders.sql", 12, null)
              : state == TargetState.IN_PROGRESS
                  ? TargetResult.failed(Reason.DatabaseUnreachable, longMessage, null, 0, null)
                  : TargetResult.ready();
      if (state != TargetState.UNKNOWN) {
        targets.put(name, seen(state, String.valueOf(1 + i % 40), result));
      }
    }
    FleetStatusAssembler.Summary summary =
        FleetStatusAssembler.of(names, targets, rollout(true, 57));
    DatabaseMigration resource = new DatabaseMigration();
    resource.setMetadata(new ObjectMetaBuilder().withName("tenants").withNamespace("a").build());
    resource.setStatus(new StatusAssembler(null, 3).fleet(summary));
    byte[] json = Serialization.asJson(resource).getBytes(StandardCharsets.UTF_8);
    System.out.println("status of 10,000 targets: " + json.length + " bytes");
    assertThat(json.length).isLessThan(64 * 1024);
    assertThat(summary.fleet().targets).isEqualTo(10_000);
    assertThat(summary.fleet().failed).isEqualTo(2_000);
    assertThat(summary.fleet().notStarted).isEqualTo(2_000);
    assertThat(summary.fleet().failing).hasSize(FleetStatusAssembler.NAMED);
    assertThat(summary.fleet().inFlight).hasSize(FleetStatusAssembler.NAMED);
    assertThat(summary.fleet().failing.get(0).message).hasSizeLessThanOrEqualTo(300);
    assertThat(summary.fleet().lowestVersion).isEqualTo("2");
    assertThat(summary.fleet().highestVersion).isEqualTo("40");
    assertThat(summary.reason()).isEqualTo(Reason.Halted);
    assertThat(summary.message())
        .startsWith("2000 of 10000 targets failed")
        .contains("and 1995 more in status.fleet.failing");
  }

  @Test
  void theGateVersionIsTheLowestAndNoneWhileATargetIsUnseen() {
    Map<String, Seen> targets = new HashMap<>();
    targets.put("a", seen(TargetState.READY, "7", TargetResult.ready()));
    targets.put("b", seen(TargetState.READY, "5", TargetResult.ready()));
    FleetStatusAssembler.Summary all =
        FleetStatusAssembler.of(List.of("a", "b"), targets, rollout(false, 1));
    assertThat(all.appliedVersion()).isEqualTo("5");
    FleetStatusAssembler.Summary unseen =
        FleetStatusAssembler.of(List.of("a", "b", "c"), targets, rollout(false, 1));
    assertThat(unseen.appliedVersion()).isNull();
    assertThat(unseen.reason()).isEqualTo(Reason.RollingOut);
  }

  @Test
  void aTargetWithNothingAppliedMakesTheFleetVersionNone() {
    Map<String, Seen> targets = new HashMap<>();
    targets.put("a", seen(TargetState.READY, "7", TargetResult.ready()));
    targets.put("b", seen(TargetState.IN_PROGRESS, null, TargetResult.ready()));
    FleetStatusAssembler.Summary summary =
        FleetStatusAssembler.of(List.of("a", "b"), targets, rollout(false, 0));
    assertThat(summary.appliedVersion()).isNull();
    assertThat(summary.fleet().lowestVersion).isNull();
    assertThat(summary.fleet().highestVersion).isEqualTo("7");
  }
}
