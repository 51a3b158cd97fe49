package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One row of the schema history. */
public class HistoryItem {
  @JsonPropertyDescription("The version, empty for repeatable scripts.")
  public String version;

  @JsonPropertyDescription("The description.")
  public String description;

  @JsonPropertyDescription("The script file name.")
  public String script;

  @JsonPropertyDescription("SQL for an applied script, DELETE for an undone one, BASELINE.")
  public String type;

  @JsonPropertyDescription("Flyway's state: Success, Failed, Undone, ...")
  public String state;

  @JsonPropertyDescription("When it was applied (RFC 3339).")
  public String installedOn;

  @JsonPropertyDescription("How long it ran, in milliseconds.")
  public Integer executionMillis;
}
