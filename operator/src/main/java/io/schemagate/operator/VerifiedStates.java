package io.schemagate.operator;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.HistoryFingerprint;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each resource looked like the last time a full check found its database at the target. While
 * the resource, its sources, its database address and the history's fingerprint are all the same, a
 * re-check is answered from here with one query instead of a full read of the history by Flyway.
 * Entries of deleted resources age out after the idle limit.
 */
final class VerifiedStates {
  /**
   * Everything a full check depends on.
   *
   * @param uid the resource's uid (a resource recreated under the same name starts over)
   * @param generation the spec's generation
   * @param annotations the approve, repair and reset annotations, which ask for work
   * @param planInputs the digest of the scripts, their settings and the target ({@link PlanInputs})
   * @param url the database address and credentials; never printed
   * @param history the history table's fingerprint, read before the full check
   */
  record Inputs(
      String uid,
      long generation,
      String annotations,
      String planInputs,
      DatabaseUrl url,
      HistoryFingerprint history) {
    @Override
    public String toString() {
      return "Inputs[" + uid + "@" + generation + ", " + planInputs + ", " + history + "]";
    }
  }

  private record Entry(Inputs inputs, long seenAt) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final long idleNanos;

  VerifiedStates(Duration idleLimit) {
    this.idleNanos = idleLimit.toNanos();
  }

  /** True when {@code inputs} equal those of the last full check that found nothing to do. */
  boolean unchanged(String resource, Inputs inputs) {
    Entry entry = entries.get(resource);
    if (entry == null || !Objects.equals(entry.inputs(), inputs)) {
      return false;
    }
    entries.put(resource, new Entry(inputs, System.nanoTime()));
    return true;
  }

  /** Records that a full check with these inputs found the database at its target. */
  void verified(String resource, Inputs inputs) {
    long now = System.nanoTime();
    entries.values().removeIf(e -> now - e.seenAt() > idleNanos);
    entries.put(resource, new Entry(inputs, now));
  }

  /** Forgets a resource, so that its next reconcile checks in full. */
  void forget(String resource) {
    entries.remove(resource);
  }

  int size() {
    return entries.size();
  }
}
