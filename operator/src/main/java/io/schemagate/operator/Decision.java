package io.schemagate.operator;

import io.schemagate.api.Approval;
import io.schemagate.api.Plan;
import io.schemagate.engine.Direction;
import io.schemagate.engine.FailureKind;
import io.schemagate.engine.MigrationPlan;
import io.schemagate.engine.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The decide step of a reconcile: a pure function from what was observed to one {@link Step}. No
 * I/O, no clock, no state, so every rule of the operator can be tested with plain values.
 */
final class Decision {
  private Decision() {}

  /** What to do next, given what was observed. */
  static Step of(Observation seen) {
    Requests requests = seen.requests();
    if (requests.reset() != null && !requests.reset().equals(seen.lastReset())) {
      return reset(seen, requests.reset());
    }
    if (requests.repair() != null && !requests.repair().equals(seen.lastRepair())) {
      return new Step.Repair(requests.repair());
    }
    MigrationPlan plan = seen.plan();
    Refusal refusal = plan.refusal().orElse(null);
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
    Plan shown = plan(seen.sourceDigest(), plan);
    if (seen.approval() == Approval.Manual && !shown.id.equals(requests.approve())) {
      return new Step.AwaitApproval(shown);
    }
    return plan.direction() == Direction.UP ? new Step.Upgrade(shown) : new Step.Downgrade(shown);
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

  private static Step refused(Refusal refusal) {
    return Step.failure(reasonOf(refusal.kind()), refusal.message(), refusal.script(), 0);
  }

  /** The plan as the status shows it, with an id that changes whenever what it would do changes. */
  static Plan plan(String sourceDigest, MigrationPlan planned) {
    Plan plan = new Plan();
    plan.direction = planned.direction() == Direction.UP ? "Upgrade" : "Downgrade";
    plan.fromVersion = planned.fromVersion();
    plan.toVersion = planned.toVersion();
    plan.scripts = List.copyOf(planned.scripts());
    String text =
        String.join(
            "|",
            String.valueOf(sourceDigest),
            plan.direction,
            orNone(plan.fromVersion),
            orNone(plan.toVersion),
            String.join(",", plan.scripts));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      plan.id = HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return plan;
  }

  /** The reason the resource shows for an engine failure of this kind. */
  static Reason reasonOf(FailureKind kind) {
    return switch (kind) {
      case UNREACHABLE -> Reason.DatabaseUnreachable;
      case AUTHENTICATION_FAILED -> Reason.AuthenticationFailed;
      case PERMISSION_DENIED -> Reason.PermissionDenied;
      case LOCKED -> Reason.Migrating;
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
    };
  }

  /** "Upgrade from 3 to 6", as messages and events name a plan. */
  static String describe(Plan plan) {
    return plan.direction + " from " + orNone(plan.fromVersion) + " to " + orNone(plan.toVersion);
  }

  static String orNone(String version) {
    return version == null ? "(none)" : version;
  }
}
