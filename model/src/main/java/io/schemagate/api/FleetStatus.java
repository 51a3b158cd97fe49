package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a fleet's rollout stands, bounded whatever the fleet's size: counts by state, the range of
 * applied versions, the wave, and at most 20 targets named in each list.
 */
public class FleetStatus {
  @JsonPropertyDescription("How many targets the fleet has.")
  public Integer targets;

  @JsonPropertyDescription("Targets at the target version.")
  public Integer ready;

  @JsonPropertyDescription("Targets of started waves still migrating or waiting for a retry.")
  public Integer inProgress;

  @JsonPropertyDescription("Targets whose plan waits for an approval or a held contract step.")
  public Integer waiting;

  @JsonPropertyDescription("Targets that failed in this rollout.")
  public Integer failed;

  @JsonPropertyDescription("Targets of waves not started yet.")
  public Integer notStarted;

  @JsonPropertyDescription("The lowest version applied across the targets.")
  public String lowestVersion;

  @JsonPropertyDescription("The highest version applied across the targets.")
  public String highestVersion;

  @JsonPropertyDescription("The wave under way: 0 is the canary.")
  public Integer wave;

  @JsonPropertyDescription("How many waves the rollout has, the canary included.")
  public Integer waves;

  @JsonPropertyDescription("Why the next wave has not started (a pause, an approval), or null.")
  public String nextWave;

  @JsonPropertyDescription("When the last complete wave became Ready (for the pause).")
  public String waveReadyAt;

  @JsonPropertyDescription("Targets not yet at the target version in started waves (at most 20).")
  public List<String> inFlight = new ArrayList<>();

  @JsonPropertyDescription("Failing targets with their script, line and reason (at most 20).")
  public List<FleetFailure> failing = new ArrayList<>();

  @JsonPropertyDescription(
      "The plans of the targets not at the target version, grouped by the versions they go from"
          + " and to (at most 20); approve one with schemagate.io/approve=<id>.")
  public List<FleetPlan> plans = new ArrayList<>();

  @JsonPropertyDescription(
      "The applied versions of the targets that pods of the rollout gate name with"
          + " schemagate.io/target (at most 100), which such a pod waits for instead of the whole"
          + " fleet.")
  public java.util.Map<String, String> targetVersions = new java.util.TreeMap<>();

  @JsonPropertyDescription(
      "The rollout this status describes: the spec generation and bundle digest it rolls. A new"
          + " one starts with a spec or bundle change.")
  public String rollout;

  @JsonPropertyDescription("True when the failure budget is spent: no new target starts.")
  public Boolean halted;

  @JsonPropertyDescription("The value of schemagate.io/resume last acted on.")
  public String lastResume;
}
