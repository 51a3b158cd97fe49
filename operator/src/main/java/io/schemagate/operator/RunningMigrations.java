package io.schemagate.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of the reconciles under way, by resource uid, so that deleting or changing a resource
 * can cancel its migration on the server while the reconcile thread is still inside it. A deletion
 * that arrives while a reconcile is about to start its engine is remembered, so that engine is
 * cancelled as it starts; a resource created again under the same name has another uid.
 */
final class RunningMigrations {
  private static final int REMEMBERED = 1000;

  private final Map<String, TargetEngine> running = new ConcurrentHashMap<>();
  private final Map<String, String> deleted =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  void started(String uid, TargetEngine engine) {
    running.put(uid, engine);
    String why;
    synchronized (deleted) {
      why = deleted.get(uid);
    }
    if (why != null) {
      engine.cancel(why);
    }
  }

  void finished(String uid, TargetEngine engine) {
    running.remove(uid, engine);
  }

  /** Cancels the migration of a deleted resource, now or as soon as it starts. */
  void deleted(String uid, String why) {
    synchronized (deleted) {
      deleted.put(uid, why);
    }
    cancel(uid, why);
  }

  /** Cancels the resource's running migration, if any; returns at once. */
  boolean cancel(String uid, String why) {
    TargetEngine engine = running.get(uid);
    if (engine == null) {
      return false;
    }
    engine.cancel(why);
    return true;
  }
}
