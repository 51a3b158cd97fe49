package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last failure of this resource. */
public class Failure {
  @JsonPropertyDescription("The script at fault, if any.")
  public String script;

  @JsonPropertyDescription("The line in that script, if known.")
  public Integer line;

  @JsonPropertyDescription("What went wrong and how to fix it.")
  public String message;

  @JsonPropertyDescription("How many attempts in a row failed this way.")
  public Integer attempts;
}
