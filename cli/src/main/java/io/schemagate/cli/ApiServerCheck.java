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

  /** The cause in words: the JDK's HTTP client reports a refused connection as a closed channel. */
  static String cause(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof java.net.ConnectException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return "the connection was refused or closed (nothing answering at that address)";
      }
      if (t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return "no answer before the time-out";
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? "the connection failed" : message.strip();
  }
}
