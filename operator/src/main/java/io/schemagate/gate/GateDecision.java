package io.schemagate.gate;

import io.fabric8.kubernetes.api.model.Pod;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.FleetStatus;
import io.schemagate.rollout.ContractSteps;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.rollout.RunningPod;
import io.schemagate.rollout.SchemaVersion;
import java.util.Map;

/**
 * Whether one gated pod may be scheduled. Fails closed: anything missing or malformed keeps the pod
 * waiting, with a message that says what to fix.
 *
 * @param release true when the pod's required version is applied
 * @param problem what is wrong with the pod or its resource (a Warning), or {@code null}
 * @param message what the pod waits for, or why it was released
 */
public record GateDecision(boolean release, String problem, String message) {
  public static GateDecision of(Pod pod, DatabaseMigration migration) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String name = annotations == null ? null : annotations.get(GateAnnotations.MIGRATION);
    String required =
        annotations == null ? null : annotations.get(GateAnnotations.REQUIRES_VERSION);
    if (name == null || name.isBlank()) {
      return new GateDecision(
          false,
          "The pod is labelled "
              + GateAnnotations.GATED_LABEL
              + "=true but has no annotation "
              + GateAnnotations.MIGRATION
              + " naming its DatabaseMigration; add it to the pod"
              + " template",
          null);
    }
    String version = RunningPod.required(pod).orElse(null);
    if (version == null) {
      return new GateDecision(
          false,
          "The annotation "
              + GateAnnotations.REQUIRES_VERSION
              + " is "
              + (required == null ? "missing" : "'" + required + "', not a version")
              + "; set it to the schema version the pod needs, e.g. \"7\"",
          null);
    }
    if (migration == null) {
      return new GateDecision(
          false,
          "DatabaseMigration "
              + pod.getMetadata().getNamespace()
              + "/"
              + name
              + " (annotation "
              + GateAnnotations.MIGRATION
              + ") does not exist; the pod waits until it does",
          null);
    }
    String target = GateAnnotations.targetName(pod);
    if (target != null) {
      return forTarget(migration, name, target, version);
    }
    String applied = migration.getStatus() == null ? null : migration.getStatus().appliedVersion;
    boolean reached = applied != null && SchemaVersion.compare(applied, version) >= 0;
    if (reached || ContractSteps.onlyContractStepsUpTo(migration, version)) {
      return new GateDecision(
          true,
          null,
          "DatabaseMigration "
              + name
              + " is at version "
              + (applied == null ? "(none)" : applied)
              + "; the pod requires "
              + version
              + (reached
                  ? ""
                  : ", and every version up to it still pending is a contract step, which only"
                      + " removes what older pods use"));
    }
    return new GateDecision(
        false,
        null,
        "Waiting for DatabaseMigration "
            + name
            + ": applied version "
            + (applied == null ? "(none)" : applied)
            + ", required "
            + version);
  }

  /** A pod that needs one target of a fleet waits for that target only. */
  private static GateDecision forTarget(
      DatabaseMigration migration, String name, String target, String version) {
    FleetStatus fleet = migration.getStatus() == null ? null : migration.getStatus().fleet;
    if (fleet == null) {
      return new GateDecision(
          false,
          "The pod names target '"
              + target
              + "' (annotation "
              + GateAnnotations.TARGET
              + ") but DatabaseMigration "
              + name
              + " has reported no fleet; remove the annotation for a single database, or wait"
              + " for its first reconcile",
          null);
    }
    String applied = fleet.targetVersions == null ? null : fleet.targetVersions.get(target);
    if (applied != null && SchemaVersion.compare(applied, version) >= 0) {
      return new GateDecision(
          true,
          null,
          "Target "
              + target
              + " of DatabaseMigration "
              + name
              + " is at version "
              + applied
              + "; the pod requires "
              + version);
    }
    return new GateDecision(
        false,
        null,
        "Waiting for target "
            + target
            + " of DatabaseMigration "
            + name
            + ": applied version "
            + (applied == null ? "(not reported yet)" : applied)
            + ", required "
            + version);
  }
}
