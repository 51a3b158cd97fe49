package io.schemagate.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Points the command line's own Kubernetes client at a test's mock API server, as in a pod of a
 * namespace, through the system properties Fabric8 reads; {@link #clear} undoes it.
 */
public final class MockApiSettings {
  private static final String[] KEYS = {
    "kubernetes.master",
    "kubernetes.namespace",
    "kubernetes.auth.tryKubeConfig",
    "kubernetes.auth.tryServiceAccount",
    "kubernetes.trust.certificates"
  };

  private MockApiSettings() {}

  /** The command line's client talks to {@code client}'s server, in {@code namespace}. */
  public static void use(KubernetesClient client, String namespace) {
    System.setProperty("kubernetes.master", client.getMasterUrl().toString());
    System.setProperty("kubernetes.namespace", namespace);
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.trust.certificates", "true");
  }

  public static void clear() {
    for (String key : KEYS) {
      System.clearProperty(key);
    }
  }
}
