package io.schemagate.gate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.schemagate.api.DatabaseMigration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes status.waitingPods of a DatabaseMigration at most once per interval: when one version
 * change releases 200 pods, the count is written once or twice rather than once per pod, and those
 * writes do not wake every pod of the migration again.
 */
final class WaitingPodsWriter {
  private final KubernetesClient client;
  private final Duration interval;
  private final Map<String, Integer> wanted = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "schemagate-gate-status");
            thread.setDaemon(true);
            return thread;
          });

  WaitingPodsWriter(KubernetesClient client, Duration interval) {
    this.client = client;
    this.interval = interval;
  }

  /** Asks for {@code count} to be written soon; a later call before then replaces it. */
  void write(String namespace, String name, int count) {
    String key = namespace + "/" + name;
    if (wanted.put(key, count) == null) {
      timer.schedule(() -> flush(namespace, name), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void flush(String namespace, String name) {
    Integer count = wanted.remove(namespace + "/" + name);
    if (count == null) {
      return;
    }
    try {
      client
          .resources(DatabaseMigration.class)
          .inNamespace(namespace)
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"waitingPods\":" + count + "}}");
    } catch (KubernetesClientException e) {
      // The count is informative; the next pod event writes it again.
    }
  }
}
