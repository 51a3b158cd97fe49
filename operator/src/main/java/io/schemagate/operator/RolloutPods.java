package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.rollout.RunningPod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The running pods of the rollout gate (label schemagate.io/gated=true) that name a
 * DatabaseMigration, read from an informer's cache, never from the API server per reconcile.
 * Without the gate the operator watches no pods, and no contract step waits.
 */
final class RolloutPods {
  private volatile Function<String, List<Pod>> podsIn = namespace -> List.of();

  /** Reads the pods of a namespace from the operator's informer cache. */
  void use(InformerEventSource<Pod, DatabaseMigration> source) {
    use(namespace -> source.list(namespace, pod -> true).toList());
  }

  /** Reads the pods of a namespace with {@code lister}: a synchronous reconcile's own. */
  void use(Function<String, List<Pod>> lister) {
    this.podsIn = lister;
  }

  /** The pods of {@code migration}'s namespace that name it and run, by name. */
  List<RunningPod> running(DatabaseMigration migration) {
    return RunningPod.of(pods(migration), migration.getMetadata().getName());
  }

  /** The pods of {@code migration}'s namespace that name it and wait at the gate, by name. */
  List<RunningPod> held(DatabaseMigration migration) {
    return RunningPod.held(pods(migration), migration.getMetadata().getName());
  }

  /**
   * The fleet targets that pods naming {@code migration} need (annotation schemagate.io/target).
   */
  Set<String> targetsNamed(DatabaseMigration migration) {
    String name = migration.getMetadata().getName();
    Set<String> targets = new java.util.TreeSet<>();
    for (Pod pod : pods(migration)) {
      String target = GateAnnotations.targetName(pod);
      if (target != null && name.equals(GateAnnotations.migrationName(pod))) {
        targets.add(target);
      }
    }
    return targets;
  }

  private List<Pod> pods(DatabaseMigration migration) {
    return podsIn.apply(migration.getMetadata().getNamespace());
  }

  /** True when an update changes whether or how the pod counts: phase, gates, annotations. */
  static boolean changesWhatCounts(Pod updated, Pod old) {
    return !Objects.equals(phase(updated), phase(old))
        || !Objects.equals(
            updated.getSpec().getSchedulingGates(), old.getSpec().getSchedulingGates())
        || !Objects.equals(
            updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations());
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  /** The DatabaseMigration a pod names in its annotation, in the pod's namespace. */
  static Set<ResourceID> primaries(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String name = annotations == null ? null : annotations.get(GateAnnotations.MIGRATION);
    return name == null || name.isBlank()
        ? Set.of()
        : Set.of(new ResourceID(name.strip(), pod.getMetadata().getNamespace()));
  }
}
