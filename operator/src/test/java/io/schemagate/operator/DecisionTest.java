package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.api.Approval;
import io.schemagate.engine.Direction;
import io.schemagate.engine.FailureKind;
import io.schemagate.engine.Inspection;
import io.schemagate.engine.MigrationPlan;
import io.schemagate.engine.Refusal;
import io.schemagate.engine.StatusReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decide step as plain values: no threads, no database, no API server. */
class DecisionTest {
  private static final String NAME = "lets-talk";

  private static MigrationPlan plan(
      String from, String to, Direction direction, List<String> scripts, Refusal refusal) {
    StatusReport status =
        new StatusReport(
            "postgresql://db/app",
            "public",
            "flyway_schema_history",
            from,
            "6",
            0,
            List.of(),
            List.of(),
            List.of(),
            "sha256:abc");
    return new MigrationPlan(
        new Inspection(status, List.of()),
        from,
        to,
        direction,
        scripts,
        Optional.ofNullable(refusal));
  }

  private static MigrationPlan upToSix() {
    return plan("3", "6", Direction.UP, List.of("V4__a.sql", "V5__b.sql", "V6__c.sql"), null);
  }

  private static Observation seen(MigrationPlan plan) {
    return seen(plan, new Requests(null, null, null), Approval.Automatic, false, false);
  }

  private static Observation seen(
      MigrationPlan plan,
      Requests requests,
      Approval approval,
      boolean allowDowngrade,
      boolean allowClean) {
    return new Observation(
        NAME,
        approval,
        allowDowngrade,
        allowClean,
        requests,
        "done-reset",
        "done-repair",
        "sha256:abc",
        plan);
  }

  @Test
  void nothingPendingIsAtTarget() {
    assertThat(Decision.of(seen(plan("6", "6", Direction.NONE, List.of(), null))))
        .isInstanceOf(Step.AtTarget.class);
  }

  @Test
  void pendingScriptsAreAnUpgradeWithThePlanTheEngineGave() {
    Step step = Decision.of(seen(upToSix()));
    assertThat(step).isInstanceOf(Step.Upgrade.class);
    var plan = ((Step.Upgrade) step).plan();
    assertThat(plan.direction).isEqualTo("Upgrade");
    assertThat(plan.fromVersion).isEqualTo("3");
    assertThat(plan.toVersion).isEqualTo("6");
    assertThat(plan.scripts).containsExactly("V4__a.sql", "V5__b.sql", "V6__c.sql");
    assertThat(plan.id).hasSize(12);
  }

  @Test
  void aManualPlanWaitsUntilItsIdIsApproved() {
    Requests none = new Requests(null, null, null);
    Step waiting = Decision.of(seen(upToSix(), none, Approval.Manual, false, false));
    assertThat(waiting).isInstanceOf(Step.AwaitApproval.class);
    String id = ((Step.AwaitApproval) waiting).plan().id;

    Requests stale = new Requests("0123456789ab", null, null);
    assertThat(Decision.of(seen(upToSix(), stale, Approval.Manual, false, false)))
        .isInstanceOf(Step.AwaitApproval.class);
    Requests approved = new Requests(id, null, null);
    assertThat(Decision.of(seen(upToSix(), approved, Approval.Manual, false, false)))
        .isInstanceOf(Step.Upgrade.class);
  }

  @Test
  void thePlanIdChangesWithTheScriptsAndTheBundleOnly() {
    String id = Decision.plan("sha256:abc", upToSix()).id;
    assertThat(Decision.plan("sha256:abc", upToSix()).id).isEqualTo(id);
    assertThat(Decision.plan("sha256:def", upToSix()).id).isNotEqualTo(id);
    MigrationPlan shorter = plan("3", "5", Direction.UP, List.of("V4__a.sql", "V5__b.sql"), null);
    assertThat(Decision.plan("sha256:abc", shorter).id).isNotEqualTo(id);
  }

  @Test
  void aDowngradeNeedsThePolicy() {
    MigrationPlan down = plan("6", "3", Direction.DOWN, List.of("U6__c.sql"), null);
    Step refused = Decision.of(seen(down));
    assertThat(refused).isInstanceOf(Step.Stall.class);
    assertThat(((Step.Stall) refused).reason()).isEqualTo(Reason.DowngradeNotAllowed);
    assertThat(((Step.Stall) refused).message())
        .contains("spec.target 3 is below the applied version 6")
        .contains("spec.policy.allowDowngrade is false");

    Requests none = new Requests(null, null, null);
    assertThat(Decision.of(seen(down, none, Approval.Automatic, true, false)))
        .isInstanceOf(Step.Downgrade.class);
  }

  @Test
  void aBrokenHistoryStallsBeforeAnythingElseAndNamesTheScript() {
    Refusal failedRow =
        new Refusal(FailureKind.FAILED_MIGRATION_PRESENT, "V2__b.sql failed earlier", "V2__b.sql");
    MigrationPlan down = plan("6", "3", Direction.NONE, List.of(), failedRow);
    Step step = Decision.of(seen(down));
    assertThat(step)
        .isEqualTo(
            new Step.Stall(Reason.MigrationFailed, "V2__b.sql failed earlier", "V2__b.sql", 0));

    Refusal drift = new Refusal(FailureKind.CHECKSUM_MISMATCH, "V1 changed", "V1__a.sql");
    assertThat(Decision.of(seen(plan("6", "6", Direction.NONE, List.of(), drift))))
        .isEqualTo(new Step.Stall(Reason.ChecksumMismatch, "V1 changed", "V1__a.sql", 0));
  }

  @Test
  void aRefusedDowngradeIsRefusedOnceThePolicyAllowsIt() {
    Refusal newer = new Refusal(FailureKind.REFUSED, "newer migrations than this bundle", null);
    MigrationPlan down = plan("6", "3", Direction.DOWN, List.of(), newer);
    Requests none = new Requests(null, null, null);
    assertThat(((Step.Stall) Decision.of(seen(down))).reason())
        .isEqualTo(Reason.DowngradeNotAllowed);
    assertThat(
            ((Step.Stall) Decision.of(seen(down, none, Approval.Automatic, true, false))).reason())
        .isEqualTo(Reason.Refused);
  }

  @Test
  void aResetRunsOncePerTokenOnlyWhenItNamesTheResourceAndCleanIsAllowed() {
    Requests reset = new Requests(null, null, NAME);
    assertThat(Decision.of(seen(upToSix(), reset, Approval.Automatic, false, true)))
        .isEqualTo(new Step.Reset(NAME));
    assertThat(
            Decision.of(
                seen(
                    upToSix(),
                    new Requests(null, null, NAME + "@2"),
                    Approval.Automatic,
                    false,
                    true)))
        .isEqualTo(new Step.Reset(NAME + "@2"));

    Step notAllowed = Decision.of(seen(upToSix(), reset, Approval.Automatic, false, false));
    assertThat(((Step.Stall) notAllowed).reason()).isEqualTo(Reason.Refused);
    assertThat(((Step.Stall) notAllowed).message()).contains("spec.policy.allowClean is false");

    Step otherName =
        Decision.of(
            seen(upToSix(), new Requests(null, null, "other"), Approval.Automatic, false, true));
    assertThat(((Step.Stall) otherName).message())
        .contains("does not name this resource")
        .contains("'" + NAME + "'");

    Requests done = new Requests(null, null, "done-reset");
    assertThat(Decision.of(seen(upToSix(), done, Approval.Automatic, false, true)))
        .isInstanceOf(Step.Upgrade.class);
  }

  @Test
  void aRepairRunsOncePerTokenEvenOnABrokenHistory() {
    Refusal failedRow = new Refusal(FailureKind.FAILED_MIGRATION_PRESENT, "failed", "V2__b.sql");
    MigrationPlan broken = plan("1", "6", Direction.NONE, List.of(), failedRow);
    Requests repair = new Requests(null, "fix-1", null);
    assertThat(Decision.of(seen(broken, repair, Approval.Automatic, false, false)))
        .isEqualTo(new Step.Repair("fix-1"));
    Requests done = new Requests(null, "done-repair", null);
    assertThat(Decision.of(seen(broken, done, Approval.Automatic, false, false)))
        .isInstanceOf(Step.Stall.class);
  }

  @Test
  void everyEngineFailureKindHasAReasonAndTransientOnesAreRetried() {
    for (FailureKind kind : FailureKind.values()) {
      Reason reason = Decision.reasonOf(kind);
      Step step = Step.failure(reason, "m", null, 0);
      assertThat(step).isInstanceOf(reason.isTransient() ? Step.Retry.class : Step.Stall.class);
    }
    assertThat(Decision.reasonOf(FailureKind.UNREACHABLE).isTransient()).isTrue();
    assertThat(Decision.reasonOf(FailureKind.MIGRATION_FAILED).isTransient()).isFalse();
  }
}
