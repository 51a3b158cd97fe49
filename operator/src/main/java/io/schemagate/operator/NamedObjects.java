package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Reads a ConfigMap or Secret by name in the resource's namespace, with one GET when a reconcile
 * uses it. Nothing is cached: the ConfigMap informer keeps names only (a tenant decides a
 * ConfigMap's size), and Secrets are never listed or watched: the operator may read only the
 * Secrets a tenant granted it, by name.
 */
final class NamedObjects<T extends HasMetadata> {
  private final KubernetesClient client;
  private final Class<T> type;

  NamedObjects(KubernetesClient client, Class<T> type) {
    this.client = client;
    this.type = type;
  }

  /**
   * The resource, or null when it does not exist.
   *
   * @throws Problem with {@link Reason#AccessDenied} when the operator may not read it
   */
  T get(String namespace, String name) {
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
