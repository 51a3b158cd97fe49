package io.schemagate.operator;

import io.schemagate.api.Approval;
import io.schemagate.api.LintAction;
import io.schemagate.api.LintPolicySpec;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.Versions;
import io.schemagate.lint.ContractStep;
import io.schemagate.lint.Finding;
import io.schemagate.lint.PlanReview;
import io.schemagate.lint.Severity;
import io.schemagate.rollout.RunningPod;
import java.util.List;
import java.util.Locale;

/**
 * The decide step of a reconcile: a pure function from what was observed to one {@link Step}. No
 * I/O, no clock, no state, so every rule of the operator can be tested with plain values.
 */
final class Decision {
  private Decision() {}

  /** What to do next, given what was observed. */
  static Step of(Observation seen) {
    Requests requests = seen.requests();
    MigrationPlan plan = seen.plan();
    Refusal refusal = plan.refusal().orElse(null);
    boolean resetAsked = requests.reset() != null && !requests.reset().equals(seen.lastReset());
    boolean repairAsked = requests.repair() != null && !requests.repair().equals(seen.lastRepair());
    if (seen.sharedWith() != null && (refusal != null || resetAsked || repairAsked)) {
      return shared(seen, refusal);
    }
    if (resetAsked) {
      return reset(seen, requests.reset());
    }
    if (repairAsked) {
      return new Step.Repair(requests.repair());
    }
    if (refusal != null && refusal.brokenHistory()) {
      return refused(refusal);
    }
    if (plan.direction() == Direction.DOWN && !seen.allowDowngrade()) {
      return new Step.Stall(
          Reason.DowngradeNotAllowed,
          "spec.target "
              + plan.toVersion()
              + " is below the applied version "
              + plan.fromVersion()
              + ", and spec.policy.allowDowngrade is false. Raise the target, or allow the"
              + " downgrade.",
          null,
          0);
    }
    if (refusal != null) {
      return refused(refusal);
    }
    if (plan.direction() == Direction.NONE) {
      return new Step.AtTarget();
    }
    ShownPlan shown = plan(seen.planInputs(), plan, seen.review());
    List<Finding> counted = seen.review().atLeast(threshold(seen.lint()));
    if (seen.lint().action == LintAction.Refuse && !counted.isEmpty()) {
      return new Step.Refuse(
          shown,
          PlanDetails.summary(counted)
              + ", and spec.policy.lint.action is Refuse; write them the safe way"
              + " (status.plan.findings), silence one with -- schemagate:lint-ignore <rule>"
              + " <reason>, or set spec.policy.lint.action to RequireApproval",
          counted.get(0).script(),
          counted.get(0).line());
    }
    boolean lintAsks = seen.lint().action == LintAction.RequireApproval && !counted.isEmpty();
    if ((seen.approval() == Approval.Manual || lintAsks)
        && !requests.approves(shown.id(), seen.lastApproval())) {
      return new Step.AwaitApproval(
          shown,
          lintAsks
              ? PlanDetails.summary(counted) + " and spec.policy.lint.action is RequireApproval"
              : "spec.policy.approval is Manual");
    }
    if (plan.direction() == Direction.DOWN) {
      return new Step.Downgrade(shown);
    }
    return seen.holdContractSteps()
        ? contract(seen, shown)
        : new Step.Upgrade(shown, plan.toVersion());
  }

  /**
   * The upgrade as far as contract steps allow: the first contract step that a running pod still
   * needs the schema below of stops it; the scripts before that step run, and the step waits.
   */
  private static Step contract(Observation seen, ShownPlan shown) {
    for (ContractStep step : seen.review().contractSteps()) {
      List<RunningPod> older =
          seen.pods().stream().filter(pod -> pod.needsBelow(step.version())).toList();
      if (older.isEmpty()) {
        continue;
      }
      ShownPlan held = shown.waiting(step.version(), PlanDetails.names(older));
      String before = lastBefore(seen.plan(), step.version());
      return before == null
          ? new Step.HoldContract(held, step, older, stuck(seen, step))
          : new Step.Upgrade(held, before);
    }
    return new Step.Upgrade(shown, seen.plan().toVersion());
  }

  /**
   * The held pods that require a version after {@code step} that is not itself a contract step: the
   * gate keeps them until it is applied, and it comes after the step that waits.
   */
  private static List<RunningPod> stuck(Observation seen, ContractStep step) {
    List<String> contract =
        seen.review().contractSteps().stream().map(ContractStep::version).toList();
    List<String> versions = versions(seen.plan());
    return seen.held().stream()
        .filter(pod -> Versions.compare(pod.requires(), step.version()) > 0)
        .filter(
            pod ->
                versions.stream()
                    .filter(v -> Versions.compare(v, pod.requires()) <= 0)
                    .anyMatch(v -> !contract.contains(v)))
        .toList();
  }

  /** The highest version of the plan below {@code version}, or null when the plan has none. */
  private static String lastBefore(MigrationPlan plan, String version) {
    return versions(plan).stream()
        .filter(v -> Versions.compare(v, version) < 0)
        .max(Versions::compare)
        .orElse(null);
  }

  /** The versions of the plan's versioned scripts. */
  private static List<String> versions(MigrationPlan plan) {
    return plan.status().pending().stream()
        .filter(p -> p.version() != null && plan.scripts().contains(p.script()))
        .map(PendingMigration::version)
        .toList();
  }

  private static Severity threshold(LintPolicySpec lint) {
    return Severity.valueOf(lint.severity.name().toUpperCase(Locale.ROOT));
  }

  /** A reset runs only when the annotation names this resource and the policy allows clean. */
  private static Step reset(Observation seen, String token) {
    String name = seen.name();
    if (!token.equals(name) && !token.startsWith(name + "@")) {
      return new Step.Stall(
          Reason.Refused,
          "The annotation schemagate.io/reset='"
              + token
              + "' does not name this resource; to drop everything in its schemas and apply all"
              + " migrations again, set it to '"
              + name
              + "' (or '"
              + name
              + "@<any new token>' to reset again later)",
          null,
          0);
    }
    if (!seen.allowClean()) {
      return new Step.Stall(
          Reason.Refused,
          "The annotation schemagate.io/reset asks to drop everything in the schemas, but"
              + " spec.policy.allowClean is false; set it to true to allow it",
          null,
          0);
    }
    return new Step.Reset(token);
  }

  /**
   * The history table belongs to another resource: its rows are not this bundle's, so nothing here
   * may repair, reset or apply over them.
   */
  private static Step shared(Observation seen, Refusal refusal) {
    return new Step.Stall(
        Reason.Refused,
        "The history table "
            + seen.plan().status().schema()
            + "."
            + seen.plan().status().table()
            + " is also used by DatabaseMigration "
            + seen.sharedWith()
            + ", whose scripts wrote rows this bundle does not know"
            + (refusal == null || refusal.script() == null
                ? ""
                : " (" + refusal.script() + " among them)")
            + ". Two resources must not share one history table: give this one a schema or table"
            + " of its own (spec.database.schemas, spec.database.table) or its own database."
            + " Nothing was repaired, reset or applied, since that would change the other"
            + " resource's history",
        refusal == null ? null : refusal.script(),
        0);
  }

  private static Step refused(Refusal refusal) {
    return Step.failure(reasonOf(refusal.kind()), refusal.message(), refusal.script(), 0);
  }

  /**
   * The plan as the status shows it, with an id that changes whenever what it would do changes: its
   * scripts, versions and direction, and everything {@link PlanInputs} digests.
   */
  /**
   * The plan as the resource shows it, with the review's findings and contract steps; its id
   * digests the direction, the versions and the scripts with {@code planInputs} ({@link
   * PlanInputs}).
   */
  static ShownPlan plan(String planInputs, MigrationPlan planned, PlanReview review) {
    return new ShownPlan(
        planId(planInputs, planned),
        direction(planned),
        planned.fromVersion(),
        planned.toVersion(),
        planned.scripts(),
        review.findings(),
        review.contractSteps(),
        java.util.Map.of(),
        null);
  }

  /** The id an approval names for {@code planned}. */
  static String planId(String planInputs, MigrationPlan planned) {
    String text =
        String.join(
            "|",
            String.valueOf(planInputs),
            direction(planned),
            orNone(planned.fromVersion()),
            orNone(planned.toVersion()),
            String.join(",", planned.scripts()));
    return PlanInputs.sha256(text).substring("sha256:".length(), "sha256:".length() + 12);
  }

  private static String direction(MigrationPlan planned) {
    return planned.direction() == Direction.UP ? "Upgrade" : "Downgrade";
  }

  /** The reason the resource shows for an engine failure of this kind. */
  static Reason reasonOf(FailureKind kind) {
    return switch (kind) {
      case UNREACHABLE -> Reason.DatabaseUnreachable;
      case AUTHENTICATION_FAILED -> Reason.AuthenticationFailed;
      case PERMISSION_DENIED -> Reason.PermissionDenied;
      // Another run moved the history: a migration under way, and the plan is made again.
      case LOCKED, PLAN_STALE -> Reason.Migrating;
      case MIGRATION_FAILED, FAILED_MIGRATION_PRESENT -> Reason.MigrationFailed;
      case INTERNAL -> Reason.UnexpectedError;
      case CHECKSUM_MISMATCH -> Reason.ChecksumMismatch;
      case TARGET_NOT_FOUND -> Reason.TargetNotFound;
      case INVALID_BUNDLE -> Reason.SourceInvalid;
      case INVALID_INPUT -> Reason.InvalidSpec;
      case REFUSED -> Reason.Refused;
      case LOCK_WAIT_TIMEOUT -> Reason.LockWaitTimeout;
      case STATEMENT_TIMEOUT -> Reason.StatementTimeout;
      case DEADLINE_EXCEEDED -> Reason.DeadlineExceeded;
      case CANCELLED -> Reason.Cancelled;
      case HISTORY_TOO_LARGE -> Reason.HistoryTooLarge;
    };
  }

  static String orNone(String version) {
    return version == null ? "(none)" : version;
  }
}
