package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * Reads a ConfigMap or Secret from the operator's informer cache, which holds the labelled ones,
 * and asks the API server only for the others. A re-check then reads its sources without an API
 * call; an edit that the cache has not seen yet brings its own event and reconcile.
 */
final class CachedLookup<T extends HasMetadata> {
  private final KubernetesClient client;
  private final Class<T> type;
  private volatile InformerEventSource<T, ?> cache;

  CachedLookup(KubernetesClient client, Class<T> type) {
    this.client = client;
    this.type = type;
  }

  /** Starts answering from {@code source} once the controller has created it. */
  void use(InformerEventSource<T, ?> source) {
    this.cache = source;
  }

  /** The resource, or null when it does not exist. */
  T get(String namespace, String name) {
    InformerEventSource<T, ?> source = cache;
    Optional<T> cached =
        source == null ? Optional.empty() : source.get(new ResourceID(name, namespace));
    return cached.orElseGet(
        () -> client.resources(type).inNamespace(namespace).withName(name).get());
  }
}
