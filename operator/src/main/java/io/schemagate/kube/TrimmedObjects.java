package io.schemagate.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The copies the operator's informers keep: only what the code reads. Whoever may create pods or
 * ConfigMaps in a watched namespace decides their size (a 250 KiB annotation on each of 800 pods, a
 * 1 MiB ConfigMap a hundred times); a cache of whole objects would give them the operator's heap.
 */
public final class TrimmedObjects {
  /** The longest annotation value kept; schemagate's are a name or a version. */
  static final int MAX_ANNOTATION = 256;

  private TrimmedObjects() {}

  /**
   * A pod as the rollout gate and the contract steps read it: identity, schemagate's labels and
   * annotations, scheduling gates and phase. A longer annotation value keeps its first characters
   * and an ellipsis, so it reads as what it is: not a version, not a name.
   */
  public static Pod pod(Pod pod, Set<String> annotations) {
    Pod trimmed = new Pod();
    trimmed.setApiVersion(pod.getApiVersion());
    trimmed.setKind(pod.getKind());
    trimmed.setMetadata(metadata(pod.getMetadata(), annotations));
    PodSpec spec = new PodSpec();
    if (pod.getSpec() != null) {
      spec.setSchedulingGates(pod.getSpec().getSchedulingGates());
    }
    trimmed.setSpec(spec);
    PodStatus status = new PodStatus();
    if (pod.getStatus() != null) {
      status.setPhase(pod.getStatus().getPhase());
    }
    trimmed.setStatus(status);
    return trimmed;
  }

  /**
   * A ConfigMap as the informer needs it to wake the resources that name it: identity and
   * schemagate's labels. Its data is read by name when a reconcile uses it.
   */
  public static ConfigMap configMap(ConfigMap configMap) {
    ConfigMap trimmed = new ConfigMap();
    trimmed.setApiVersion(configMap.getApiVersion());
    trimmed.setKind(configMap.getKind());
    trimmed.setMetadata(metadata(configMap.getMetadata(), Set.of()));
    return trimmed;
  }

  /** schemagate's own labels, which the informers select by; a tenant's others are not kept. */
  private static Map<String, String> schemagateLabels(Map<String, String> labels) {
    if (labels == null) {
      return null;
    }
    Map<String, String> kept = new LinkedHashMap<>();
    labels.forEach(
        (key, value) -> {
          if (key.startsWith("schemagate.io/") && value.length() <= MAX_ANNOTATION) {
            kept.put(key, value);
          }
        });
    return kept.isEmpty() ? null : kept;
  }

  private static ObjectMeta metadata(ObjectMeta from, Set<String> annotations) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (from.getAnnotations() != null) {
      for (String key : annotations) {
        String value = from.getAnnotations().get(key);
        if (value != null) {
          kept.put(
              key, value.length() <= MAX_ANNOTATION ? value : value.substring(0, 64) + "\u2026");
        }
      }
    }
    return new ObjectMetaBuilder()
        .withName(from.getName())
        .withNamespace(from.getNamespace())
        .withUid(from.getUid())
        .withResourceVersion(from.getResourceVersion())
        .withGeneration(from.getGeneration())
        .withCreationTimestamp(from.getCreationTimestamp())
        .withDeletionTimestamp(from.getDeletionTimestamp())
        .withLabels(schemagateLabels(from.getLabels()))
        .withAnnotations(kept.isEmpty() ? null : kept)
        .build();
  }
}
