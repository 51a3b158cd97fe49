package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The plan of the fleet's targets that go from one version to another. */
public class FleetPlan {
  @JsonPropertyDescription("The plan id an approval names.")
  public String id;

  @JsonPropertyDescription("The version the targets are at (null: none applied).")
  public String from;

  @JsonPropertyDescription("The version the plan brings them to.")
  public String to;

  @JsonPropertyDescription("How many targets have this plan.")
  public Integer targets;

  @JsonPropertyDescription("True when the plan waits for an approval.")
  public Boolean awaitingApproval;

  public FleetPlan() {}

  public FleetPlan(String id, String from, String to, int targets, boolean awaitingApproval) {
    this.id = id;
    this.from = from;
    this.to = to;
    this.targets = targets;
    this.awaitingApproval = awaitingApproval;
  }
}
