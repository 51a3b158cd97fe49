package io.schemagate.operator;

import io.schemagate.api.Approval;
import io.schemagate.api.LintPolicySpec;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.lint.PlanReview;
import io.schemagate.rollout.RunningPod;
import java.util.List;

/**
 * Everything one decision reads: the resource's wishes, the operator's memory of what it already
 * did (from the status it last recorded), and the engine's plan for the target.
 *
 * @param name the resource's name, which a reset annotation must repeat
 * @param approval the approval policy
 * @param allowDowngrade whether the policy allows going below the applied version
 * @param allowClean whether the policy allows a reset
 * @param requests what the annotations ask for
 * @param lastReset the reset token already acted on
 * @param lastRepair the repair token already acted on
 * @param lastApproval the approval already used to run a plan, which does not approve again
 * @param planInputs the digest of the bundle, its settings and the target ({@link PlanInputs}),
 *     part of every plan id
 * @param plan the engine's plan for spec.target, read just now
 * @param review the lint's findings and contract steps of that plan
 * @param lint what findings do (spec.policy.lint)
 * @param holdContractSteps whether contract steps wait for older pods (spec.policy)
 * @param pods the running pods of the rollout gate that name this resource
 * @param held the pods that name this resource and wait at the gate
 * @param sharedWith another resource ({@code namespace/name}) known to own the same history table,
 *     or null
 */
record Observation(
    String name,
    Approval approval,
    boolean allowDowngrade,
    boolean allowClean,
    Requests requests,
    String lastReset,
    String lastRepair,
    String lastApproval,
    String planInputs,
    MigrationPlan plan,
    PlanReview review,
    LintPolicySpec lint,
    boolean holdContractSteps,
    List<RunningPod> pods,
    List<RunningPod> held,
    String sharedWith) {}
