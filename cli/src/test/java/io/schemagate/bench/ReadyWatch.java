package io.schemagate.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.schemagate.api.DatabaseMigration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches DatabaseMigrations and notes when each first reports Ready, or Stalled (which ends the
 * wait with the operator's own message).
 */
final class ReadyWatch implements AutoCloseable {
  private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
  private final Map<String, String> stalled = new ConcurrentHashMap<>();
  private final SharedIndexInformer<DatabaseMigration> informer;

  ReadyWatch(KubernetesClient client) {
    informer =
        client
            .resources(DatabaseMigration.class)
            .inNamespace(OperatorUnderTest.NAMESPACE)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(DatabaseMigration resource) {
                    seen(resource);
                  }

                  @Override
                  public void onUpdate(DatabaseMigration old, DatabaseMigration resource) {
                    seen(resource);
                  }

                  @Override
                  public void onDelete(DatabaseMigration resource, boolean unknown) {}
                });
  }

  private void seen(DatabaseMigration resource) {
    if (resource.getStatus() == null || resource.getStatus().conditions == null) {
      return;
    }
    long now = System.nanoTime();
    String name = resource.getMetadata().getName();
    for (Condition c : resource.getStatus().conditions) {
      if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
        readyAt.putIfAbsent(name, now);
      }
      if ("Stalled".equals(c.getType()) && "True".equals(c.getStatus())) {
        stalled.put(name, c.getReason() + ": " + c.getMessage());
      }
    }
  }

  /** Waits until {@code count} resources were Ready; returns when the last one became Ready. */
  long awaitReady(int count, Duration timeout) {
    // The times come from the watch events; how often this wait looks does not change them.
    await("" + count + " resources Ready")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!stalled.isEmpty()) {
                throw new IllegalStateException("A resource stalled: " + stalled);
              }
              return readyAt.size() >= count;
            });
    return readyAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  @Override
  public void close() {
    informer.close();
  }
}
