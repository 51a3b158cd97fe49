package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What schemagate may do on its own. */
public class PolicySpec {
  @Default("Automatic")
  @JsonPropertyDescription(
      "Automatic applies a plan at once. Manual shows the plan (its scripts and id) in"
          + " status.plan and applies it only once the annotation schemagate.io/approve carries"
          + " that id.")
  public Approval approval = Approval.Automatic;

  @Default("false")
  @JsonPropertyDescription(
      "Allow a target below the applied version: undo scripts (U<version>__*.sql) then run,"
          + " newest first.")
  public boolean allowDowngrade;

  @Default("false")
  @JsonPropertyDescription("Allow dropping every object in the schemas (reset). Off by default.")
  public boolean allowClean;

  @JsonPropertyDescription("What lint findings do to a plan; by default they are reported.")
  public LintPolicySpec lint = new LintPolicySpec();

  @Default("true")
  @JsonPropertyDescription(
      "Hold each contract step (a drop or rename, or a script marked -- schemagate:contract)"
          + " until no running pod of the rollout gate (annotation schemagate.io/migration) still"
          + " requires a version below it. The steps before it run meanwhile.")
  public boolean holdContractSteps = true;
}
