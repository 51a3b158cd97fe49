package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A contract step of a plan, and the running pods it waits for. */
public class ContractHold {
  @JsonPropertyDescription("The contract step's version.")
  public String version;

  @JsonPropertyDescription("Its script.")
  public String script;

  @JsonPropertyDescription("Why it is a contract step: the directive's reason, or the lint rule.")
  public String why;

  @JsonPropertyDescription(
      "Running pods that still require a version below it, as name (requires V); empty once it"
          + " may run.")
  public List<String> waitingFor = new ArrayList<>();
}
