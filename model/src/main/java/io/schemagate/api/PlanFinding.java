package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One risk the lint found in a statement of a plan. */
public class PlanFinding {
  @JsonPropertyDescription(
      "The rule, e.g. index-without-concurrently (docs/reference/lint-rules.md).")
  public String rule;

  @JsonPropertyDescription("Info, Warning or Error.")
  public String severity;

  @JsonPropertyDescription("The script's file name.")
  public String script;

  @JsonPropertyDescription("The line the statement starts on.")
  public Integer line;

  @JsonPropertyDescription("The statement's first line.")
  public String statement;

  @JsonPropertyDescription("The lock it takes, with the table and its size when known.")
  public String takes;

  @JsonPropertyDescription("Why it is risky.")
  public String why;

  @JsonPropertyDescription("The safe way to write it.")
  public String fix;
}
