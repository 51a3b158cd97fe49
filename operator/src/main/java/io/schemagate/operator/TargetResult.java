package io.schemagate.operator;

/**
 * How the run of one database ended, as a value the resource's reconcile folds into its status.
 *
 * @param state which way it ended
 * @param plan the plan shown (awaiting approval, a held contract step, a refused plan), or null
 * @param message why it waits or what failed, or null
 * @param reason the reason of a failure, or null
 * @param script the script of a failure, or null
 * @param line the line of a failure in its script, or 0
 */
record TargetResult(
    State state, ShownPlan plan, String message, Reason reason, String script, int line) {

  /** The ways a database's run ends; a switch over them is checked to cover each. */
  enum State {
    /** The database is at the target, as already verified: nothing else was read. */
    UNCHANGED,
    /** The database is at the target, or was brought there. */
    READY,
    /** A plan waits for the approval that names its id. */
    AWAITING_APPROVAL,
    /** A contract step waits for older pods. */
    CONTRACT_HELD,
    /** A failure, retried or stalled by its reason. */
    FAILED
  }

  static TargetResult unchanged() {
    return new TargetResult(State.UNCHANGED, null, null, null, null, 0);
  }

  static TargetResult ready() {
    return new TargetResult(State.READY, null, null, null, null, 0);
  }

  static TargetResult awaitingApproval(ShownPlan plan, String why) {
    return new TargetResult(State.AWAITING_APPROVAL, plan, why, null, null, 0);
  }

  static TargetResult contractHeld(ShownPlan plan, String message) {
    return new TargetResult(State.CONTRACT_HELD, plan, message, null, null, 0);
  }

  /** A failure; {@code shown} is the plan it refuses (the lint's refusal), or null. */
  static TargetResult failed(
      Reason reason, String message, String script, int line, ShownPlan shown) {
    return new TargetResult(State.FAILED, shown, message, reason, script, line);
  }
}
