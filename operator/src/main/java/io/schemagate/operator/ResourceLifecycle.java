package io.schemagate.operator;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.schemagate.api.DatabaseMigration;
import java.util.Objects;
import java.util.Set;

/**
 * Hears of deleted and changed resources on the informer's thread, while their reconcile may still
 * be running: JOSDK runs one reconcile per resource at a time, so a deletion waits behind a stuck
 * migration unless something outside the reconcile stops it. Also wakes resources that waited for a
 * namespace slot.
 */
final class ResourceLifecycle extends AbstractEventSource<Void, DatabaseMigration>
    implements ResourceEventAware<DatabaseMigration> {
  /** What to do when a resource goes away or its spec changes. */
  interface Listener {
    void deleted(DatabaseMigration resource);

    void specChanged(DatabaseMigration resource);
  }

  private final Listener listener;

  ResourceLifecycle(Listener listener) {
    super(Void.class, "resource-lifecycle");
    this.listener = listener;
  }

  @Override
  public Set<Void> getSecondaryResources(DatabaseMigration primary) {
    return Set.of();
  }

  @Override
  public void onResourceDeleted(DatabaseMigration resource) {
    listener.deleted(resource);
  }

  @Override
  public void onResourceUpdated(DatabaseMigration updated, DatabaseMigration old) {
    if (!Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())) {
      listener.specChanged(updated);
    }
  }

  /** Asks for a reconcile of the resource, as any other event would. */
  void wake(String namespace, String name) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)));
    }
  }
}
