package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Work schemagate would do, waiting for approval. */
public class Plan {
  @JsonPropertyDescription(
      "Put this value into the annotation schemagate.io/approve to apply the plan once. It changes"
          + " whenever anything that changes what runs changes: the scripts and their text, the"
          + " versions, the direction, any Flyway setting (placeholders included), and the"
          + " database's URL, user, schemas or history table.")
  public String id;

  @JsonPropertyDescription("Upgrade or Downgrade.")
  public String direction;

  @JsonPropertyDescription("The applied version now.")
  public String fromVersion;

  @JsonPropertyDescription("The version after the plan.")
  public String toVersion;

  @JsonPropertyDescription("The scripts the plan runs, in order.")
  public List<String> scripts = new ArrayList<>();

  @JsonPropertyDescription(
      "The SQL the plan runs, history statements included, as `schemagate upgrade --sql` or"
          + " `downgrade --sql` prints it; cut after 32 KiB, with the command that prints it all.")
  public String sql;

  @JsonPropertyDescription(
      "What the lint found in the plan's scripts, in order (at most 50; findingCount has all)."
          + " spec.policy.lint says what they do.")
  public List<PlanFinding> findings = new ArrayList<>();

  @JsonPropertyDescription("How many findings the lint made.")
  public Integer findingCount;

  @JsonPropertyDescription(
      "The plan's contract steps (drops and renames, or scripts marked -- schemagate:contract):"
          + " each runs once no running pod requires a version below it.")
  public List<ContractHold> contractSteps = new ArrayList<>();
}
