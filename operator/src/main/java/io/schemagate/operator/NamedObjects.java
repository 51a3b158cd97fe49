package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Reads a ConfigMap or Secret by name in the resource's namespace, with one GET when a reconcile
 * uses it. Nothing is cached: the ConfigMap informer keeps names only (a tenant decides a
 * ConfigMap's size), and Secrets are never watched: the operator reads the Secrets a tenant granted
 * it by name, and lists Secrets by label only for a fleet whose tenant granted 'list'.
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

  /**
   * The resources of {@code namespace} that carry {@code labels}, sorted by name.
   *
   * @param field the field that selects them, named in the message when listing is not granted
   * @throws Problem with {@link Reason#AccessDenied} when the operator may not list them
   */
  java.util.List<T> list(String namespace, java.util.Map<String, String> labels, String field) {
    try {
      return client
          .resources(type)
          .inNamespace(namespace)
          .withLabels(labels)
          .list()
          .getItems()
          .stream()
          .sorted(java.util.Comparator.comparing(r -> r.getMetadata().getName()))
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        String kind = type.getSimpleName();
        throw new Problem(
            Reason.AccessDenied,
            "The operator may not list the "
                + kind
                + "s of namespace "
                + namespace
                + " that "
                + field
                + " selects (HTTP 403): grant "
                + OperatorIdentity.describe()
                + " 'list' on "
                + kind.toLowerCase(java.util.Locale.ROOT)
                + "s with a Role and RoleBinding in this namespace; see docs/SECURITY.md,"
                + " \"Granting a fleet's Secrets\"");
      }
      throw e;
    }
  }
}
