package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * Reads a ConfigMap or Secret by name in the resource's namespace: from an informer cache where the
 * operator keeps one (labelled ConfigMaps of watched namespaces), else with one GET. Secrets are
 * never cached: the operator may read only the Secrets a tenant granted it, by name, and it lists
 * or watches none.
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

  /**
   * The resource, or null when it does not exist.
   *
   * @throws Problem with {@link Reason#AccessDenied} when the operator may not read it
   */
  T get(String namespace, String name) {
    InformerEventSource<T, ?> source = cache;
    Optional<T> cached =
        source == null ? Optional.empty() : source.get(new ResourceID(name, namespace));
    if (cached.isPresent()) {
      return cached.get();
    }
    try {
      return client.resources(type).inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        String kind = type.getSimpleName();
        throw new Problem(
            Reason.AccessDenied,
            "The operator may not read "
                + kind
                + " "
                + namespace
                + "/"
                + name
                + " (HTTP 403): grant "
                + OperatorIdentity.describe()
                + " 'get' on it with a Role and RoleBinding in this namespace (resourceNames: ["
                + name
                + "]); see docs/SECURITY.md, \"Granting a Secret\"");
      }
      throw e;
    }
  }
}
