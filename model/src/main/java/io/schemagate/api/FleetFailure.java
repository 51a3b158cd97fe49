package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One failing target of a fleet: where its run failed and why. */
public class FleetFailure {
  @JsonPropertyDescription("The target's name.")
  public String target;

  @JsonPropertyDescription("The reason, as in the Ready condition of a single database.")
  public String reason;

  @JsonPropertyDescription("The script that failed, if a script did.")
  public String script;

  @JsonPropertyDescription("The line of the failing statement in the script, or 0.")
  public Integer line;

  @JsonPropertyDescription("What failed, shortened to 300 characters.")
  public String message;

  public FleetFailure() {}

  public FleetFailure(String target, String reason, String script, int line, String message) {
    this.target = target;
    this.reason = reason;
    this.script = script;
    this.line = line;
    this.message = message;
  }
}
