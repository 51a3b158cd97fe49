package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Where the database stands, what is pending, what failed; written by the operator only. */
public class DatabaseMigrationStatus {
  @Default("-1")
  @JsonPropertyDescription("The spec generation this status describes.")
  public Long observedGeneration = -1L;

  @PrinterColumn(name = "Applied")
  @JsonPropertyDescription(
      "The highest version applied to the database (of a fleet: the lowest across its targets);"
          + " the rollout gate compares against it.")
  public String appliedVersion;

  @PrinterColumn(name = "Target")
  @JsonPropertyDescription("The version spec.target resolves to in the current bundle.")
  public String targetVersion;

  @PrinterColumn(name = "Pending")
  @JsonPropertyDescription("How many scripts are still to run to reach the target.")
  public Integer pendingCount;

  @JsonPropertyDescription("The scripts still to run to reach the target, in order.")
  public List<PendingScript> pending = new ArrayList<>();

  @JsonPropertyDescription("The most recent history rows, newest first (at most 20).")
  public List<HistoryItem> history = new ArrayList<>();

  @JsonPropertyDescription("sha256 of the bundle last read from the sources.")
  public String sourceDigest;

  @JsonPropertyDescription(
      "The plan while it is pending: waiting for approval, running, refused by the lint policy,"
          + " or holding a contract step; with its lint findings and contract steps.")
  public Plan plan;

  @JsonPropertyDescription("The last failure, while it lasts: script, line, message, attempts.")
  public Failure failure;

  @JsonPropertyDescription(
      "The value of schemagate.io/approve that last ran its plan: it does not approve again, so the"
          + " same plan later needs a new value (<plan id>@<token>).")
  public String lastApproval;

  @JsonPropertyDescription("The value of schemagate.io/repair last acted on.")
  public String lastRepair;

  @JsonPropertyDescription("The value of schemagate.io/reset last acted on.")
  public String lastReset;

  @JsonPropertyDescription(
      "A fleet's rollout (spec.targets, spec.targetSecrets, spec.schemaTargets): counts by state,"
          + " versions, the wave, failing targets. Absent for a single database.")
  public FleetStatus fleet;

  @JsonPropertyDescription(
      "Pods held by the schemagate.io/schema scheduling gate until this resource reaches the"
          + " version they require. Written by the rollout gate.")
  public Integer waitingPods;

  @JsonPropertyDescription(
      "Ready (database at the target), Reconciling (work under way) and Stalled (only a person"
          + " can unblock it), following the kstatus conventions.")
  public List<Condition> conditions = new ArrayList<>();
}
