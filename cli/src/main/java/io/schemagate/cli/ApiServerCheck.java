package io.schemagate.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;

/**
 * One request to the API server before the operator starts, without the client's retries: an
 * address that does not answer is one line naming it and the cause, at once, instead of twenty
 * seconds of retries and a page of stack traces from the informers.
 */
final class ApiServerCheck {
  private ApiServerCheck() {}

  static void reachable(KubernetesClient client) {
    String address = client.getConfiguration().getMasterUrl();
    Config once =
        new ConfigBuilder(client.getConfiguration())
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(5_000)
            .withRequestTimeout(10_000)
            .build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(once).build()) {
      probe.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      boolean refused = e.getCode() == 401 || e.getCode() == 403;
      if (e.getCode() > 0 && !refused) {
        // It answered: a server without /version (a test server, say) is still reachable.
        return;
      }
      throw new EngineException(
          refused ? FailureKind.AUTHENTICATION_FAILED : FailureKind.UNREACHABLE,
          (refused
                  ? "The Kubernetes API at "
                      + address
                      + " refused the credentials (HTTP "
                      + e.getCode()
                      + ")"
                  : "Cannot reach the Kubernetes API at " + address + ": " + cause(e))
              + "; check the kubeconfig (KUBECONFIG or ~/.kube/config) or, in a pod, its service"
              + " account");
    }
  }

  private static String cause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip();
  }
}
