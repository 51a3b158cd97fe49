package io.schemagate.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engines of the reconciles under way, by resource uid, so that deleting or changing a resource
 * can cancel its migration on the server while the reconcile thread is still inside it. A deletion
 * that arrives while a reconcile is about to start its engine is remembered, so that engine is
 * cancelled as it starts; a resource created again under the same name has another uid.
 */
final class RunningMigrations {
  private static final int REMEMBERED = 1000;

  // A fleet runs several of its targets at once: each engine is cancelled.
  // Held by identity: an engine is a handle, not a value.
  private final Map<String, List<TargetEngine>> running = new ConcurrentHashMap<>();
  private final Map<String, String> deleted =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  void started(String uid, TargetEngine engine) {
    running.computeIfAbsent(uid, u -> new CopyOnWriteArrayList<>()).add(engine);
    String why;
    synchronized (deleted) {
      why = deleted.get(uid);
    }
    if (why != null) {
      engine.cancel(why);
    }
  }

  void finished(String uid, TargetEngine engine) {
    running.computeIfPresent(
        uid,
        (u, engines) -> {
          engines.removeIf(e -> e == engine);
          return engines.isEmpty() ? null : engines;
        });
  }

  /** Cancels the migration of a deleted resource, now or as soon as it starts. */
  void deleted(String uid, String why) {
    synchronized (deleted) {
      deleted.put(uid, why);
    }
    cancel(uid, why);
  }

  /** Cancels the resource's running migrations (a fleet's: each), if any; returns at once. */
  boolean cancel(String uid, String why) {
    List<TargetEngine> engines = running.get(uid);
    if (engines == null || engines.isEmpty()) {
      return false;
    }
    engines.forEach(engine -> engine.cancel(why));
    return true;
  }
}
