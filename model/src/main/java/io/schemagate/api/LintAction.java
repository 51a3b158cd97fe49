package io.schemagate.api;

/** What the lint's findings do to a plan. */
public enum LintAction {
  /** Findings are shown in status.plan, in Events and metrics; the plan runs as it would. */
  Report,
  /** A plan with findings waits for the annotation schemagate.io/approve to carry its id. */
  RequireApproval,
  /** A plan with findings does not run; the resource stalls and names them. */
  Refuse
}
