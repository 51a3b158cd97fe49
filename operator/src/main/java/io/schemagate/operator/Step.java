package io.schemagate.operator;

import io.schemagate.lint.ContractStep;
import io.schemagate.rollout.RunningPod;
import java.util.List;

/** The closed set of things one reconcile can decide to do. */
sealed interface Step {
  /**
   * What acts on each kind of step: one method per kind, so that a kind added here does not compile
   * until every actor handles it.
   */
  interface Actor<R> {
    R atTarget(AtTarget step);

    R awaitApproval(AwaitApproval step);

    R upgrade(Upgrade step);

    R holdContract(HoldContract step);

    R downgrade(Downgrade step);

    R refuse(Refuse step);

    R reset(Reset step);

    R repair(Repair step);

    R retry(Retry step);

    R stall(Stall step);
  }

  /** Hands this step to the method of {@code actor} for its kind. */
  <R> R actOn(Actor<R> actor);

  /** The plan this step shows in status.plan, or null for a step that shows none. */
  default ShownPlan shownPlan() {
    return null;
  }

  /** The database is at the target: nothing to run. */
  record AtTarget() implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.atTarget(this);
    }
  }

  /**
   * A plan waits for the annotation schemagate.io/approve to carry its id.
   *
   * @param why what asks for the approval: the approval policy, or the lint's findings
   */
  record AwaitApproval(ShownPlan plan, String why) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.awaitApproval(this);
    }

    @Override
    public ShownPlan shownPlan() {
      return plan;
    }
  }

  /**
   * Apply the plan's pending scripts up to {@code to}: its target, or the last version before a
   * contract step that waits for older pods, after which the reconcile decides again.
   */
  record Upgrade(ShownPlan plan, String to) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.upgrade(this);
    }

    @Override
    public ShownPlan shownPlan() {
      return plan;
    }

    boolean partial() {
      return !to.equals(plan.toVersion());
    }
  }

  /**
   * A contract step waits until none of {@code pods} runs any more; nothing before it is left.
   *
   * @param stuck pods the gate holds for a version after the step: they wait for it as it waits for
   *     the older pods, so the rollout cannot go on by itself
   */
  record HoldContract(
      ShownPlan plan, ContractStep step, List<RunningPod> pods, List<RunningPod> stuck)
      implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.holdContract(this);
    }

    @Override
    public ShownPlan shownPlan() {
      return plan;
    }

    /**
     * The condition's message: the step, the pods it waits for, and a rollout that cannot go on.
     */
    String message() {
      String text =
          "Contract step "
              + step.script()
              + " ("
              + step.why()
              + ") waits until no running pod requires a version below "
              + step.version()
              + "; waiting for "
              + names(pods);
      if (stuck.isEmpty()) {
        return text;
      }
      return text
          + ". The gate holds "
          + names(stuck)
          + " for a version after this step, so neither can go on by itself: ship the contract"
          + " step in a release of its own (its pods require "
          + step.version()
          + "), or set spec.policy.holdContractSteps to false";
    }

    private static String names(List<RunningPod> pods) {
      return String.join(", ", PlanDetails.names(pods));
    }
  }

  /** Run the plan's undo scripts. */
  record Downgrade(ShownPlan plan) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.downgrade(this);
    }
  }

  /** The lint policy refuses the plan; it is shown with its findings. */
  record Refuse(ShownPlan plan, String message, String script, int line) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.refuse(this);
    }

    @Override
    public ShownPlan shownPlan() {
      return plan;
    }
  }

  /** Drop everything in the schemas, as the annotation with this token asks; then decide again. */
  record Reset(String token) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.reset(this);
    }
  }

  /** Remove failed rows and realign checksums, as asked with this token; then decide again. */
  record Repair(String token) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.repair(this);
    }
  }

  /** A failure retried by itself, with backoff. */
  record Retry(Reason reason, String message, String script, int line) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.retry(this);
    }
  }

  /** A failure that waits until a person changes something. */
  record Stall(Reason reason, String message, String script, int line) implements Step {
    @Override
    public <R> R actOn(Actor<R> actor) {
      return actor.stall(this);
    }
  }

  /** The step for a failure: retried when its reason is transient, stalled otherwise. */
  static Step failure(Reason reason, String message, String script, int line) {
    return reason.isTransient()
        ? new Retry(reason, message, script, line)
        : new Stall(reason, message, script, line);
  }
}
