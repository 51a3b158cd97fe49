package io.schemagate.operator;

import io.schemagate.api.FleetFailure;
import io.schemagate.api.FleetPlan;
import io.schemagate.api.FleetStatus;
import io.schemagate.engine.api.Versions;
import io.schemagate.operator.FleetMemory.Seen;
import io.schemagate.operator.FleetRollout.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the states of a fleet's targets into its bounded status: counts by state, the range of
 * applied versions, the wave, at most {@value #NAMED} targets named per list, the plans grouped by
 * the versions they go from and to, and the one reason the resource's conditions carry.
 */
final class FleetStatusAssembler {
  /** How many targets each list of the status names at most. */
  static final int NAMED = 20;

  private static final int MESSAGE = 300;

  private FleetStatusAssembler() {}

  /**
   * The fleet's status and its reason.
   *
   * @param appliedVersion the version the rollout gate compares against: the lowest across the
   *     targets, or null while one is unknown and no lower one was recorded
   * @param targetVersion the version the targets go to
   * @param notReady how many targets are not at the target
   * @param plan a plan waiting for approval (the first group's), shown in status.plan, or null
   */
  record Summary(
      FleetStatus fleet,
      Reason reason,
      String message,
      String appliedVersion,
      String targetVersion,
      int notReady,
      ShownPlan plan) {}

  /** What the fold reads besides the targets. */
  record Rollout(
      String id,
      FleetRollout.Next next,
      int waves,
      boolean halted,
      String lastResume,
      int failureBudget,
      java.time.Duration pause,
      String previousApplied,
      java.util.Set<String> namedByPods) {}

  /** How many targets' versions the status carries for pods that name one target. */
  static final int TARGET_VERSIONS = 100;

  static Summary of(List<String> names, Map<String, Seen> seen, Rollout rollout) {
    FleetStatus fleet = new FleetStatus();
    fleet.targets = names.size();
    fleet.rollout = rollout.id();
    fleet.wave = rollout.next().wave();
    fleet.waves = rollout.waves();
    fleet.halted = rollout.halted() ? Boolean.TRUE : null;
    fleet.lastResume = rollout.lastResume();
    fleet.waveReadyAt =
        rollout.next().waveReadyAt() == null ? null : rollout.next().waveReadyAt().toString();
    int ready = 0;
    int inProgress = 0;
    int waiting = 0;
    int failed = 0;
    int notStarted = 0;
    boolean allObserved = true;
    String lowest = null;
    String highest = null;
    boolean noneApplied = false;
    String targetVersion = null;
    String contractMessage = null;
    Map<String, FleetPlan> plans = new LinkedHashMap<>();
    ShownPlan approvalPlan = null;
    for (String name : names) {
      Seen target = seen.get(name);
      TargetState state = target == null ? TargetState.UNKNOWN : target.in(rollout.id());
      switch (state) {
        case READY -> ready++;
        case IN_PROGRESS -> inProgress++;
        case WAITING -> waiting++;
        case FAILED -> failed++;
        case UNKNOWN -> notStarted++;
      }
      if (state == TargetState.IN_PROGRESS || state == TargetState.WAITING) {
        if (fleet.inFlight.size() < NAMED) {
          fleet.inFlight.add(name);
        }
      }
      if (state == TargetState.FAILED && fleet.failing.size() < NAMED) {
        TargetResult result = target.result();
        fleet.failing.add(
            new FleetFailure(
                name,
                result.reason() == null ? null : result.reason().name(),
                result.script(),
                result.line(),
                shorten(result.message())));
      }
      if (target == null || !target.observed()) {
        allObserved = false;
      } else {
        String applied = target.status().appliedVersion;
        if (applied == null) {
          noneApplied = true;
        } else {
          lowest = lowest == null || Versions.compare(applied, lowest) < 0 ? applied : lowest;
          highest = highest == null || Versions.compare(applied, highest) > 0 ? applied : highest;
        }
        if (targetVersion == null && target.status().targetVersion != null) {
          targetVersion = target.status().targetVersion;
        }
      }
      if (state == TargetState.WAITING && target.result().plan() != null) {
        ShownPlan plan = target.result().plan();
        boolean approval = target.result().state() == TargetResult.State.AWAITING_APPROVAL;
        if (approval && approvalPlan == null) {
          approvalPlan = plan;
        }
        if (!approval && contractMessage == null) {
          contractMessage = name + ": " + target.result().message();
        }
        FleetPlan group =
            plans.computeIfAbsent(
                plan.id(),
                id -> new FleetPlan(id, plan.fromVersion(), plan.toVersion(), 0, approval));
        group.targets++;
      }
    }
    for (String named : rollout.namedByPods()) {
      Seen target = seen.get(named);
      if (fleet.targetVersions.size() < TARGET_VERSIONS
          && target != null
          && target.observed()
          && target.status().appliedVersion != null) {
        fleet.targetVersions.put(named, target.status().appliedVersion);
      }
    }
    fleet.ready = ready;
    fleet.inProgress = inProgress;
    fleet.waiting = waiting;
    fleet.failed = failed;
    fleet.notStarted = notStarted;
    fleet.lowestVersion = noneApplied ? null : lowest;
    fleet.highestVersion = highest;
    fleet.plans = new ArrayList<>(plans.values()).subList(0, Math.min(NAMED, plans.size()));
    String applied = noneApplied ? null : lowest;
    if (!allObserved) {
      // Targets not seen since the operator started (or not started) may be lower: only a version
      // no higher than the one recorded before is safe for the gate.
      applied =
          applied == null || rollout.previousApplied() == null
              ? null
              : Versions.compare(applied, rollout.previousApplied()) < 0
                  ? applied
                  : rollout.previousApplied();
    }
    Reason reason;
    String message;
    int total = names.size();
    if (rollout.halted()) {
      reason = Reason.Halted;
      message =
          failed
              + " of "
              + total
              + " targets failed, above spec.rollout.failureBudget "
              + rollout.failureBudget()
              + ": no new target starts. Failing: "
              + failing(fleet.failing, failed)
              + ". Fix them, then set the annotation schemagate.io/resume to a new value";
    } else if (approvalPlan != null) {
      reason = Reason.ApprovalPending;
      message =
          waiting
              + " of "
              + total
              + " targets wait for approval of "
              + approvalPlan.describe()
              + ": set the annotation schemagate.io/approve to "
              + approvalPlan.id()
              + (plans.size() > 1 ? " (status.fleet.plans lists " + plans.size() + " plans)" : "");
    } else if (ready == total) {
      reason = Reason.Applied;
      message = "All " + total + " targets are at version " + Decision.orNone(targetVersion);
    } else if (contractMessage != null && inProgress == 0 && notStarted == 0) {
      reason = Reason.ContractStepHeld;
      message = contractMessage;
    } else if (rollout.next().blocked() != null && inProgress == 0 && waiting == 0) {
      reason = rollout.next().blocked();
      message = blockedMessage(rollout, ready, total);
    } else if (inProgress == 0 && waiting == 0 && failed > 0 && ready + failed == total) {
      reason = Reason.MigrationFailed;
      message =
          failed
              + " of "
              + total
              + " targets failed within spec.rollout.failureBudget "
              + rollout.failureBudget()
              + ", the others are at version "
              + Decision.orNone(targetVersion)
              + ". Failing: "
              + failing(fleet.failing, failed);
    } else {
      reason = Reason.RollingOut;
      message =
          "Wave "
              + rollout.next().wave()
              + " of "
              + rollout.waves()
              + " (0 is the canary): "
              + ready
              + " of "
              + total
              + " targets ready, "
              + inProgress
              + " in progress"
              + (fleet.inFlight.isEmpty() ? "" : " (" + String.join(", ", fleet.inFlight) + ")");
    }
    return new Summary(fleet, reason, message, applied, targetVersion, total - ready, approvalPlan);
  }

  private static String blockedMessage(Rollout rollout, int ready, int total) {
    int next = rollout.next().wave() + 1;
    String head =
        "Wave " + rollout.next().wave() + " is done (" + ready + " of " + total + " ready); ";
    if (rollout.next().blocked() == Reason.WaveApprovalPending) {
      return head
          + "wave "
          + next
          + " waits for approval: set the annotation schemagate.io/approve-wave to "
          + next;
    }
    Instant at = rollout.next().waveReadyAt().plus(rollout.pause());
    return head + "wave " + next + " starts after spec.rollout.pauseBetweenWaves, at " + at;
  }

  private static String failing(List<FleetFailure> failing, int failed) {
    List<String> named = new ArrayList<>();
    for (FleetFailure f : failing) {
      named.add(
          f.target
              + " ("
              + (f.script == null
                  ? f.reason
                  : f.script + (f.line == null || f.line == 0 ? "" : " line " + f.line))
              + ")");
    }
    String text = String.join(", ", named.subList(0, Math.min(5, named.size())));
    return failed > 5 ? text + " and " + (failed - 5) + " more in status.fleet.failing" : text;
  }

  private static String shorten(String message) {
    if (message == null || message.length() <= MESSAGE) {
      return message;
    }
    return message.substring(0, MESSAGE - 3) + "...";
  }
}
