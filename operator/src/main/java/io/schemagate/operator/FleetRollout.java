package io.schemagate.operator;

import io.schemagate.api.RolloutSpec;
import io.schemagate.engine.api.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure decision of a fleet's rollout: the waves (a canary, then waves of a count or a share of
 * the targets), which of them may run now, and whether the failure budget halts the rollout. It
 * reads only values, so each rule is tested in milliseconds.
 */
final class FleetRollout {
  private FleetRollout() {}

  /** Where a target stands in this rollout, as far as this operator has seen. */
  enum TargetState {
    /** Not run by this operator yet in this rollout. */
    UNKNOWN,
    /** At the target version. */
    READY,
    /** Under way, or a transient failure that is retried. */
    IN_PROGRESS,
    /** A plan waits for an approval, or a contract step for older pods. */
    WAITING,
    /** A failure only a person can fix; it counts against the budget. */
    FAILED
  }

  /** The rollout fields of the spec, checked. */
  record Strategy(
      int canary,
      String waveSize,
      int maxParallel,
      int failureBudget,
      Duration pause,
      boolean approveWaves) {
    static Strategy of(RolloutSpec spec) {
      RolloutSpec rollout = spec == null ? new RolloutSpec() : spec;
      Duration pause =
          rollout.pauseBetweenWaves == null || rollout.pauseBetweenWaves.isBlank()
              ? Duration.ZERO
              : Durations.parse(rollout.pauseBetweenWaves)
                  .orElseThrow(
                      () ->
                          new Problem(
                              Reason.InvalidSpec,
                              "spec.rollout.pauseBetweenWaves '"
                                  + rollout.pauseBetweenWaves
                                  + "' is not a duration; write e.g. "
                                  + Durations.FORMS));
      FleetRollout.waveSize(rollout.waveSize == null ? "25%" : rollout.waveSize, 1);
      return new Strategy(
          Math.max(0, rollout.canary),
          rollout.waveSize == null ? "25%" : rollout.waveSize,
          Math.max(1, rollout.maxParallel),
          Math.max(0, rollout.failureBudget),
          pause,
          rollout.approveWaves);
    }
  }

  /**
   * What the decision reads.
   *
   * @param states each target's state, in rollout order
   * @param startedWave the highest wave started in this rollout (from status), or -1
   * @param halted whether the rollout was halted (from status) and not resumed since
   * @param waveReadyAt when the last started wave was seen complete, or null
   * @param approvedWave the value of schemagate.io/approve-wave, or -1
   */
  record Inputs(
      List<TargetState> states,
      Strategy strategy,
      int startedWave,
      boolean halted,
      Instant waveReadyAt,
      Instant now,
      int approvedWave) {}

  /**
   * What to do now.
   *
   * @param wave the highest wave that may run
   * @param run the targets (indexes in rollout order) that may run now: every target of the waves
   *     up to {@code wave} that has not failed
   * @param halted true when the failure budget is spent: nothing runs
   * @param blocked why the next wave does not start ({@link Reason#WavePaused}, {@link
   *     Reason#WaveApprovalPending}), or null
   * @param waveReadyAt when wave {@code wave} was seen complete, while the next waits for it
   * @param wakeIn when to look again for a pause, or null
   */
  record Next(
      int wave,
      List<Integer> run,
      boolean halted,
      Reason blocked,
      Instant waveReadyAt,
      Duration wakeIn) {}

  /**
   * The first index of each wave: the canary's targets, then waves of {@code waveSize} (a count, or
   * a percentage of all the targets, rounded up).
   */
  static List<Integer> waveStarts(int total, int canary, String waveSize) {
    List<Integer> starts = new ArrayList<>();
    int next = 0;
    if (total == 0) {
      return starts;
    }
    if (canary > 0) {
      starts.add(0);
      next = Math.min(canary, total);
    }
    int size = waveSize(waveSize, total);
    while (next < total) {
      starts.add(next);
      next += size;
    }
    return starts;
  }

  /** A wave's size: {@code "10"} or {@code "25%"} of {@code total} (rounded up, at least 1). */
  static int waveSize(String waveSize, int total) {
    String text = waveSize.strip();
    try {
      if (text.endsWith("%")) {
        int percent = Integer.parseInt(text.substring(0, text.length() - 1));
        if (percent < 1 || percent > 100) {
          throw new NumberFormatException();
        }
        return Math.max(1, (int) Math.ceil(total * percent / 100.0));
      }
      int count = Integer.parseInt(text);
      if (count < 1) {
        throw new NumberFormatException();
      }
      return count;
    } catch (NumberFormatException e) {
      throw new Problem(
          Reason.InvalidSpec,
          "spec.rollout.waveSize '"
              + waveSize
              + "' is neither a count (10) nor a percentage (25%) between 1 and 100");
    }
  }

  /** Which waves may run now, which targets, and whether the budget halts it all. */
  static Next decide(Inputs in) {
    List<TargetState> states = in.states();
    List<Integer> starts =
        waveStarts(states.size(), in.strategy().canary(), in.strategy().waveSize());
    long failures = states.stream().filter(s -> s == TargetState.FAILED).count();
    int started = Math.max(0, in.startedWave());
    if (in.halted() || failures > in.strategy().failureBudget()) {
      return new Next(started, List.of(), true, null, in.waveReadyAt(), null);
    }
    int wave = Math.min(started, Math.max(0, starts.size() - 1));
    Reason blocked = null;
    Instant readyAt = null;
    Duration wakeIn = null;
    while (wave + 1 < starts.size() && complete(states, end(starts, wave, states.size()))) {
      if (wave + 1 > in.startedWave()) {
        readyAt = in.waveReadyAt() == null ? in.now() : in.waveReadyAt();
        Instant resumeAt = readyAt.plus(in.strategy().pause());
        if (in.now().isBefore(resumeAt)) {
          blocked = Reason.WavePaused;
          wakeIn = Duration.between(in.now(), resumeAt);
          break;
        }
        if (in.strategy().approveWaves() && in.approvedWave() < wave + 1) {
          blocked = Reason.WaveApprovalPending;
          break;
        }
        readyAt = null;
      }
      wave++;
    }
    List<Integer> run = new ArrayList<>();
    int end = end(starts, wave, states.size());
    for (int i = 0; i < end; i++) {
      if (states.get(i) != TargetState.FAILED) {
        run.add(i);
      }
    }
    return new Next(wave, run, false, blocked, readyAt, wakeIn);
  }

  /** The wave of the target at {@code index}. */
  static int waveOf(List<Integer> starts, int index) {
    int wave = 0;
    while (wave + 1 < starts.size() && starts.get(wave + 1) <= index) {
      wave++;
    }
    return wave;
  }

  private static int end(List<Integer> starts, int wave, int total) {
    return wave + 1 < starts.size() ? starts.get(wave + 1) : total;
  }

  /** Every target before {@code end} is done with: Ready, or failed within the budget. */
  private static boolean complete(List<TargetState> states, int end) {
    for (int i = 0; i < end; i++) {
      if (states.get(i) != TargetState.READY && states.get(i) != TargetState.FAILED) {
        return false;
      }
    }
    return true;
  }
}
