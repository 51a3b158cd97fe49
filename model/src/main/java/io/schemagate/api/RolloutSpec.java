package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How a fleet's targets are rolled: a canary, then waves, with a failure budget. */
public class RolloutSpec {
  @Default("1")
  @Min(0)
  @JsonPropertyDescription(
      "How many targets go first, alone, as the canary: the first in order (spec.targets as"
          + " listed, Secrets and schemas by name).")
  public int canary = 1;

  @Default("25%")
  @Pattern("^([1-9][0-9]*|([1-9][0-9]?|100)%)$")
  @JsonPropertyDescription(
      "The size of each wave after the canary: a count (\"10\") or a share of the targets"
          + " (\"25%\", rounded up).")
  public String waveSize = "25%";

  @Default("4")
  @Min(1)
  @JsonPropertyDescription(
      "How many targets migrate at once, also bounded by the operator's"
          + " --max-running-per-namespace.")
  public int maxParallel = 4;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription(
      "How many targets may fail before the rollout halts: past it no new target starts, the"
          + " running ones finish, and the resource is Halted until schemagate.io/resume is set.")
  public int failureBudget;

  @Pattern("^([0-9]+(ms|s|m|h))+$")
  @JsonPropertyDescription(
      "A pause after each wave is Ready before the next starts, e.g. 10m. Default: none.")
  public String pauseBetweenWaves;

  @Default("false")
  @JsonPropertyDescription(
      "Each wave after the canary waits until the annotation schemagate.io/approve-wave is at"
          + " least its number.")
  public boolean approveWaves;
}
