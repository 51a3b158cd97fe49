package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What lint findings at or above a severity do to a plan. */
public class LintPolicySpec {
  @Default("Report")
  @JsonPropertyDescription(
      "Report shows the findings in status.plan, Events and metrics and runs the plan as the"
          + " approval policy says. RequireApproval holds a plan with findings until the"
          + " annotation schemagate.io/approve carries its id. Refuse does not run it.")
  public LintAction action = LintAction.Report;

  @Default("Warning")
  @JsonPropertyDescription(
      "The least severe finding the action applies to: Info, Warning or Error. Findings below"
          + " it are still shown.")
  public LintSeverity severity = LintSeverity.Warning;
}
