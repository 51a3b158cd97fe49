package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A script still to run. */
public class PendingScript {
  @JsonPropertyDescription("Its version; empty for repeatable scripts.")
  public String version;

  @JsonPropertyDescription("Its description, from the file name.")
  public String description;

  @JsonPropertyDescription("Its file name.")
  public String script;

  public PendingScript() {}

  public PendingScript(String version, String description, String script) {
    this.version = version;
    this.description = description;
    this.script = script;
  }
}
