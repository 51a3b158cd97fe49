package io.schemagate.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import java.util.List;
import java.util.Map;

/** The label, annotations and scheduling gate a workload's pod template carries. */
public final class GateAnnotations {
  /** Only pods with this label set to "true" are ever read by the gate. */
  public static final String GATED_LABEL = "schemagate.io/gated";

  /** The DatabaseMigration, in the pod's namespace, whose applied version the pod needs. */
  public static final String MIGRATION = "schemagate.io/migration";

  /** The schema version the pod needs, in {@link SchemaVersion}'s grammar (7, V7, 1.10, 1_10). */
  public static final String REQUIRES_VERSION = "schemagate.io/requires-version";

  /**
   * The one target of a fleet the pod needs: the pod waits for that target only, not for the whole
   * fleet.
   */
  public static final String TARGET = "schemagate.io/target";

  /** The scheduling gate the gate removes; other gates are never touched. */
  public static final String GATE = "schemagate.io/schema";

  private GateAnnotations() {}

  /** The pod annotations schemagate reads; an informer keeps no others. */
  public static final java.util.Set<String> READ =
      java.util.Set.of(MIGRATION, REQUIRES_VERSION, TARGET);

  /** The DatabaseMigration a pod names, or null when the annotation is missing or blank. */
  public static String migrationName(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String name = annotations == null ? null : annotations.get(MIGRATION);
    return name == null || name.isBlank() ? null : name.strip();
  }

  /** The fleet target a pod names, or null when it names none. */
  public static String targetName(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String name = annotations == null ? null : annotations.get(TARGET);
    return name == null || name.isBlank() ? null : name.strip();
  }

  /** Where the pod holds schemagate's scheduling gate, or -1 when it does not. */
  public static int gateIndex(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getSchedulingGates() == null) {
      return -1;
    }
    List<PodSchedulingGate> gates = pod.getSpec().getSchedulingGates();
    for (int i = 0; i < gates.size(); i++) {
      if (GATE.equals(gates.get(i).getName())) {
        return i;
      }
    }
    return -1;
  }
}
