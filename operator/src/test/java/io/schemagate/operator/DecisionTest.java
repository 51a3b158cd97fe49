package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.api.Approval;
import io.schemagate.api.LintAction;
import io.schemagate.api.LintPolicySpec;
import io.schemagate.api.LintSeverity;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.lint.ContractStep;
import io.schemagate.lint.Finding;
import io.schemagate.lint.PlanReview;
import io.schemagate.lint.Severity;
import io.schemagate.rollout.RunningPod;
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
        null,
        "sha256:abc",
        plan,
        PlanReview.empty(),
        new LintPolicySpec(),
        true,
        List.of(),
        List.of(),
        null);
  }

  private static Observation reviewed(
      MigrationPlan plan,
      PlanReview review,
      LintAction action,
      LintSeverity severity,
      String approved,
      List<RunningPod> pods) {
    LintPolicySpec lint = new LintPolicySpec();
    lint.action = action;
    lint.severity = severity;
    return new Observation(
        NAME,
        Approval.Automatic,
        false,
        false,
        new Requests(approved, null, null),
        null,
        null,
        null,
        "sha256:abc",
        plan,
        review,
        lint,
        true,
        pods,
        List.of(new RunningPod("web-next", "6")),
        null);
  }

  /** The decision on {@link #upToSix()} with {@code review}, under a lint policy, no pods. */
  private static Step decide(
      PlanReview review, LintAction action, LintSeverity severity, String approved) {
    return Decision.of(reviewed(upToSix(), review, action, severity, approved, List.of()));
  }

  /** {@code seen} with another hold policy and other pods at the gate. */
  private static Observation with(Observation seen, boolean hold, List<RunningPod> held) {
    return copy(seen, null, null, null, hold, held, null);
  }

  /** {@code seen} with the values given in place of its own; null keeps its own. */
  private static Observation copy(
      Observation seen,
      Requests requests,
      Boolean allowClean,
      String lastApproval,
      Boolean hold,
      List<RunningPod> held,
      String sharedWith) {
    return new Observation(
        seen.name(),
        seen.approval(),
        seen.allowDowngrade(),
        allowClean == null ? seen.allowClean() : allowClean,
        requests == null ? seen.requests() : requests,
        seen.lastReset(),
        seen.lastRepair(),
        lastApproval == null ? seen.lastApproval() : lastApproval,
        seen.planInputs(),
        seen.plan(),
        seen.review(),
        seen.lint(),
        hold == null ? seen.holdContractSteps() : hold,
        seen.pods(),
        held == null ? seen.held() : held,
        sharedWith == null ? seen.sharedWith() : sharedWith);
  }

  private static Finding finding(String rule, Severity severity, String script, boolean contract) {
    return new Finding(
        rule, severity, script, 2, "ALTER TABLE t ...", "why", "fix", contract, "t", "", null);
  }

  /** A plan up from {@code from} through {@code pending}, whose rows carry each version. */
  private static MigrationPlan withPending(String from, PendingMigration... pending) {
    List<PendingMigration> rows = List.of(pending);
    String to = rows.get(rows.size() - 1).version();
    StatusReport status =
        new StatusReport(
            "postgresql://db/app",
            "public",
            "flyway_schema_history",
            from,
            to,
            Integer.parseInt(from),
            rows,
            List.of(),
            List.of(),
            "sha256:abc");
    return new MigrationPlan(
        new Inspection(status, List.of()),
        from,
        to,
        Direction.UP,
        rows.stream().map(PendingMigration::script).toList(),
        Optional.empty());
  }

  private static MigrationPlan upToSixWithVersions() {
    return withPending(
        "3",
        new PendingMigration("4", "a", "V4__a.sql"),
        new PendingMigration("5", "b", "V5__b.sql"),
        new PendingMigration("6", "c", "V6__c.sql"));
  }

  @Test
  void reportedFindingsAreShownAndThePlanRuns() {
    PlanReview review =
        new PlanReview(
            List.of(finding("index-without-concurrently", Severity.WARNING, "V4__a.sql", false)),
            List.of());
    Step step = decide(review, LintAction.Report, LintSeverity.Warning, null);
    assertThat(step).isInstanceOf(Step.Upgrade.class);
    // As status.plan shows it.
    var plan = PlanDetails.status(((Step.Upgrade) step).plan(), Redactor.none());
    assertThat(plan.findingCount).isEqualTo(1);
    assertThat(plan.findings.get(0).rule).isEqualTo("index-without-concurrently");
    assertThat(plan.findings.get(0).severity).isEqualTo("Warning");
    assertThat(((Step.Upgrade) step).to()).isEqualTo("6");
  }

  @Test
  void requireApprovalHoldsAPlanWithFindingsAtTheThresholdUntilItsIdIsApproved() {
    PlanReview review =
        new PlanReview(
            List.of(finding("truncate", Severity.WARNING, "V5__b.sql", false)), List.of());
    Step waiting = decide(review, LintAction.RequireApproval, LintSeverity.Warning, null);
    assertThat(waiting).isInstanceOf(Step.AwaitApproval.class);
    String id = ((Step.AwaitApproval) waiting).plan().id();
    assertThat(((Step.AwaitApproval) waiting).why())
        .isEqualTo(
            "1 lint finding (truncate in V5__b.sql line 2) and spec.policy.lint.action is"
                + " RequireApproval");
    assertThat(decide(review, LintAction.RequireApproval, LintSeverity.Warning, id))
        .isInstanceOf(Step.Upgrade.class);
    // Below the threshold, the finding is shown and asks nothing.
    assertThat(decide(review, LintAction.RequireApproval, LintSeverity.Error, null))
        .isInstanceOf(Step.Upgrade.class);
  }

  @Test
  void refuseStallsOnAFindingAtTheThresholdNamingItsScriptAndLine() {
    PlanReview review =
        new PlanReview(
            List.of(
                finding("not-analysed", Severity.INFO, "V4__a.sql", false),
                finding("add-column-not-null-without-default", Severity.ERROR, "V6__c.sql", false)),
            List.of());
    Step step = decide(review, LintAction.Refuse, LintSeverity.Error, null);
    assertThat(step).isInstanceOf(Step.Refuse.class);
    Step.Refuse refused = (Step.Refuse) step;
    assertThat(refused.script()).isEqualTo("V6__c.sql");
    assertThat(refused.line()).isEqualTo(2);
    assertThat(refused.message())
        .startsWith(
            "1 lint finding (add-column-not-null-without-default in V6__c.sql line 2), and"
                + " spec.policy.lint.action is Refuse")
        .doesNotContain("\n");
    assertThat(PlanDetails.status(refused.plan(), Redactor.none()).findingCount).isEqualTo(2);
    // Refuse is not lifted by an approval: the finding must go.
    String id = refused.plan().id();
    assertThat(decide(review, LintAction.Refuse, LintSeverity.Error, id))
        .isInstanceOf(Step.Refuse.class);
  }

  @Test
  void aContractStepRunsTheScriptsBeforeItThenWaitsForOlderPods() {
    PlanReview review =
        new PlanReview(
            List.of(finding("drop-column", Severity.WARNING, "V6__c.sql", true)),
            List.of(new ContractStep("6", "V6__c.sql", "drop-column at line 2")));
    List<RunningPod> pods = List.of(new RunningPod("web-old", "5"), new RunningPod("web-new", "6"));
    Step step =
        Decision.of(
            reviewed(
                upToSixWithVersions(),
                review,
                LintAction.Report,
                LintSeverity.Warning,
                null,
                pods));
    assertThat(step).isInstanceOf(Step.Upgrade.class);
    assertThat(((Step.Upgrade) step).to()).isEqualTo("5");
    assertThat(((Step.Upgrade) step).partial()).isTrue();
    assertThat(
            PlanDetails.status(((Step.Upgrade) step).plan(), Redactor.none())
                .contractSteps
                .get(0)
                .waitingFor)
        .containsExactly("web-old (requires 5)");
  }

  @Test
  void aContractStepWithNothingBeforeItHoldsUntilThePodsBelowItAreGone() {
    MigrationPlan atFive = plan("5", "6", Direction.UP, List.of("V6__c.sql"), null);
    PlanReview review =
        new PlanReview(List.of(), List.of(new ContractStep("6", "V6__c.sql", "declared")));
    Step held =
        Decision.of(
            reviewed(
                atFive,
                review,
                LintAction.Report,
                LintSeverity.Warning,
                null,
                List.of(new RunningPod("web-old", "5"), new RunningPod("web-new", "6"))));
    assertThat(held).isInstanceOf(Step.HoldContract.class);
    assertThat(((Step.HoldContract) held).pods()).containsExactly(new RunningPod("web-old", "5"));
    // web-next requires 6, the contract step itself: the gate lets it start, so it is not stuck.
    assertThat(((Step.HoldContract) held).stuck()).isEmpty();
    assertThat(((Step.HoldContract) held).message())
        .isEqualTo(
            "Contract step V6__c.sql (declared) waits until no running pod requires a version"
                + " below 6; waiting for web-old (requires 5)");
    // Pods that require the contract step's version (or more) do not hold it.
    Step runs =
        Decision.of(
            reviewed(
                atFive,
                review,
                LintAction.Report,
                LintSeverity.Warning,
                null,
                List.of(new RunningPod("web-new", "6"))));
    assertThat(runs).isInstanceOf(Step.Upgrade.class);
    assertThat(((Step.Upgrade) runs).partial()).isFalse();
    // A running pod whose version cannot be read may need anything: it holds the step.
    assertThat(
            Decision.of(
                reviewed(
                    atFive,
                    review,
                    LintAction.Report,
                    LintSeverity.Warning,
                    null,
                    List.of(new RunningPod("typo", null)))))
        .isInstanceOf(Step.HoldContract.class);
  }

  @Test
  void podsHeldForAVersionAfterAWaitingContractStepAreNamedAsARolloutThatCannotGoOn() {
    MigrationPlan plan =
        withPending(
            "5",
            new PendingMigration("6", "drop", "V6__drop.sql"),
            new PendingMigration("7", "add", "V7__add.sql"));
    Observation seen =
        reviewed(
            plan,
            new PlanReview(List.of(), List.of(new ContractStep("6", "V6__drop.sql", "declared"))),
            LintAction.Report,
            LintSeverity.Warning,
            null,
            List.of(new RunningPod("web-old", "5")));
    Observation withStuckPod =
        with(seen, true, List.of(new RunningPod("web-new", "7"), new RunningPod("web-next", "6")));
    Step.HoldContract held = (Step.HoldContract) Decision.of(withStuckPod);
    assertThat(held.stuck()).containsExactly(new RunningPod("web-new", "7"));
    assertThat(held.message())
        .endsWith(
            "waiting for web-old (requires 5). The gate holds web-new (requires 7) for a version"
                + " after this step, so neither can go on by itself: ship the contract step in a"
                + " release of its own (its pods require 6), or set"
                + " spec.policy.holdContractSteps to false");
  }

  @Test
  void aHeldStepNamesAtMostTwentyPods() {
    MigrationPlan atFive = plan("5", "6", Direction.UP, List.of("V6__c.sql"), null);
    List<RunningPod> pods =
        java.util.stream.IntStream.rangeClosed(1, 25)
            .mapToObj(i -> new RunningPod(String.format("web-%02d", i), "5"))
            .toList();
    Step.HoldContract held =
        (Step.HoldContract)
            Decision.of(
                reviewed(
                    atFive,
                    new PlanReview(
                        List.of(), List.of(new ContractStep("6", "V6__c.sql", "declared"))),
                    LintAction.Report,
                    LintSeverity.Warning,
                    null,
                    pods));
    assertThat(held.pods()).hasSize(25);
    assertThat(PlanDetails.status(held.plan(), Redactor.none()).contractSteps.get(0).waitingFor)
        .hasSize(21)
        .endsWith("web-20 (requires 5)", "and 5 more");
    assertThat(held.message()).endsWith("web-20 (requires 5), and 5 more");
  }

  @Test
  void withoutTheHoldPolicyAContractStepRunsAtOnce() {
    MigrationPlan atFive = plan("5", "6", Direction.UP, List.of("V6__c.sql"), null);
    Observation seen =
        reviewed(
            atFive,
            new PlanReview(List.of(), List.of(new ContractStep("6", "V6__c.sql", "declared"))),
            LintAction.Report,
            LintSeverity.Warning,
            null,
            List.of(new RunningPod("web-old", "5")));
    Observation noHold = with(seen, false, seen.held());
    assertThat(Decision.of(noHold)).isInstanceOf(Step.Upgrade.class);
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
    assertThat(plan.direction()).isEqualTo("Upgrade");
    assertThat(plan.fromVersion()).isEqualTo("3");
    assertThat(plan.toVersion()).isEqualTo("6");
    assertThat(plan.scripts()).containsExactly("V4__a.sql", "V5__b.sql", "V6__c.sql");
    assertThat(plan.id()).hasSize(12);
  }

  @Test
  void aManualPlanWaitsUntilItsIdIsApproved() {
    Requests none = new Requests(null, null, null);
    Step waiting = Decision.of(seen(upToSix(), none, Approval.Manual, false, false));
    assertThat(waiting).isInstanceOf(Step.AwaitApproval.class);
    String id = ((Step.AwaitApproval) waiting).plan().id();

    Requests stale = new Requests("0123456789ab", null, null);
    assertThat(Decision.of(seen(upToSix(), stale, Approval.Manual, false, false)))
        .isInstanceOf(Step.AwaitApproval.class);
    Requests approved = new Requests(id, null, null);
    assertThat(Decision.of(seen(upToSix(), approved, Approval.Manual, false, false)))
        .isInstanceOf(Step.Upgrade.class);
  }

  @Test
  void anApprovalRunsItsPlanOnceAndTheSamePlanLaterNeedsANewValue() {
    Requests none = new Requests(null, null, null);
    String id =
        ((Step.AwaitApproval) Decision.of(seen(upToSix(), none, Approval.Manual, false, false)))
            .plan()
            .id();
    Requests approved = new Requests(id, null, null);
    assertThat(Decision.of(used(seen(upToSix(), approved, Approval.Manual, false, false), id)))
        .isInstanceOf(Step.AwaitApproval.class);
    Requests again = new Requests(id + "@2", null, null);
    assertThat(Decision.of(used(seen(upToSix(), again, Approval.Manual, false, false), id)))
        .isInstanceOf(Step.Upgrade.class);
    assertThat(Decision.of(used(seen(upToSix(), again, Approval.Manual, false, false), id + "@2")))
        .isInstanceOf(Step.AwaitApproval.class);
    // A value that only starts like the id is not an approval of it.
    Requests longer = new Requests(id + "0", null, null);
    assertThat(Decision.of(seen(upToSix(), longer, Approval.Manual, false, false)))
        .isInstanceOf(Step.AwaitApproval.class);
  }

  /** {@code seen}, with {@code approval} the value that already ran a plan. */
  private static Observation used(Observation seen, String approval) {
    return copy(seen, null, null, approval, null, null, null);
  }

  /** {@code seen} with {@code requests}, and the history known to belong to {@code owner}. */
  private static Observation sharing(Observation seen, Requests requests, String owner) {
    return copy(seen, requests, true, null, null, null, owner);
  }

  @Test
  void aHistoryOfAnotherResourceIsNamedAndNeitherRepairedNorResetNorAppliedOver() {
    Refusal drift =
        new Refusal(
            FailureKind.CHECKSUM_MISMATCH,
            "V1__a.sql changed; set the annotation schemagate.io/repair to accept it",
            "V1__a.sql");
    MigrationPlan drifted = plan("1", "1", Direction.NONE, List.of(), drift);
    Requests none = new Requests(null, null, null);
    Step refused = Decision.of(sharing(seen(drifted), none, "team-b/orders"));
    assertThat(refused).isInstanceOf(Step.Stall.class);
    Step.Stall stall = (Step.Stall) refused;
    assertThat(stall.reason()).isEqualTo(Reason.Refused);
    assertThat(stall.message())
        .startsWith(
            "The history table public.flyway_schema_history is also used by DatabaseMigration"
                + " team-b/orders, whose scripts wrote rows this bundle does not know (V1__a.sql"
                + " among them).")
        .doesNotContain("schemagate.io/repair");
    for (Requests asked :
        List.of(new Requests(null, "fix-it", null), new Requests(null, null, NAME))) {
      assertThat(Decision.of(sharing(seen(upToSix()), asked, "team-b/orders")))
          .isInstanceOf(Step.Stall.class);
    }
    // Without a refusal or a request, a shared history that agrees with the bundle goes on.
    assertThat(Decision.of(sharing(seen(upToSix()), none, "team-b/orders")))
        .isInstanceOf(Step.Upgrade.class);
  }

  @Test
  void thePlanIdChangesWithTheScriptsAndTheirInputs() {
    String id = Decision.planId("sha256:abc", upToSix());
    assertThat(Decision.planId("sha256:abc", upToSix())).isEqualTo(id);
    assertThat(Decision.planId("sha256:def", upToSix())).isNotEqualTo(id);
    MigrationPlan shorter = plan("3", "5", Direction.UP, List.of("V4__a.sql", "V5__b.sql"), null);
    assertThat(Decision.planId("sha256:abc", shorter)).isNotEqualTo(id);
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
