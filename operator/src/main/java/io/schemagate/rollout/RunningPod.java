package io.schemagate.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pod of a gated workload that runs (or may run: it is scheduled and not finished), with the
 * schema version it requires. A contract step waits until none requires a version below it.
 *
 * @param name the pod's name
 * @param requires the version in its annotation schemagate.io/requires-version, or {@code null}
 *     when the annotation is missing or not a version: such a running pod may need anything
 */
public record RunningPod(String name, String requires) {
  /** True when the pod may need the schema below {@code version}: an unknown need counts. */
  public boolean needsBelow(String version) {
    return requires == null || SchemaVersion.compare(requires, version) < 0;
  }

  /**
   * The running pods among {@code pods} that name DatabaseMigration {@code migration}, by name. A
   * pod the gate still holds has not started. A running pod whose annotation is missing or not a
   * version is kept, with no version: a contract step cannot know it is safe for it.
   */
  public static List<RunningPod> of(Collection<Pod> pods, String migration) {
    return select(pods, migration, false);
  }

  /** The pods among {@code pods} that name {@code migration} and the gate still holds, by name. */
  public static List<RunningPod> held(Collection<Pod> pods, String migration) {
    return select(pods, migration, true).stream().filter(p -> p.requires() != null).toList();
  }

  private static List<RunningPod> select(Collection<Pod> pods, String migration, boolean held) {
    List<RunningPod> running = new ArrayList<>();
    for (Pod pod : pods) {
      if (!migration.equals(GateAnnotations.migrationName(pod))
          || (GateAnnotations.gateIndex(pod) >= 0) != held
          || finished(pod)) {
        continue;
      }
      running.add(new RunningPod(pod.getMetadata().getName(), required(pod).orElse(null)));
    }
    running.sort(Comparator.comparing(RunningPod::name));
    return running;
  }

  /** The version the pod's annotation requires, in Flyway's dotted form, when it is one. */
  public static Optional<String> required(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    String required =
        annotations == null ? null : annotations.get(GateAnnotations.REQUIRES_VERSION);
    if (required == null) {
      return Optional.empty();
    }
    return SchemaVersion.parse(required);
  }

  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** "web-7d9f (requires 5)", as status and Events name it. */
  @Override
  public String toString() {
    return name
        + (requires == null
            ? " (no version in " + GateAnnotations.REQUIRES_VERSION + ")"
            : " (requires " + requires + ")");
  }
}
