package io.schemagate.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many reconciles of one namespace may work on databases at once, and who waits for a turn.
 * Migrations stuck in one namespace then hold at most this many of the operator's threads, and the
 * other namespaces' resources carry on. Waiters are woken first come, first served.
 */
final class NamespaceSlots {
  private final int perNamespace;
  private final Map<String, Set<String>> holders = new HashMap<>();
  private final Map<String, LinkedHashSet<String>> waiting = new HashMap<>();

  NamespaceSlots(int perNamespace) {
    this.perNamespace = perNamespace;
  }

  /** Takes a slot for {@code name}, or queues it and returns false when all are taken. */
  synchronized boolean tryAcquire(String namespace, String name) {
    Set<String> held = holders.computeIfAbsent(namespace, n -> new LinkedHashSet<>());
    if (held.contains(name) || held.size() < perNamespace) {
      held.add(name);
      LinkedHashSet<String> queue = waiting.get(namespace);
      if (queue != null) {
        queue.remove(name);
      }
      return true;
    }
    waiting.computeIfAbsent(namespace, n -> new LinkedHashSet<>()).add(name);
    return false;
  }

  /** The resources holding the slots of {@code namespace} now. */
  synchronized List<String> holders(String namespace) {
    return List.copyOf(holders.getOrDefault(namespace, Set.of()));
  }

  int perNamespace() {
    return perNamespace;
  }

  /** What a resource of {@code namespace} that found every slot taken waits for. */
  String waitingMessage(String namespace) {
    return "Waits for one of the "
        + perNamespace
        + " migration slots of namespace "
        + namespace
        + ", held by "
        + String.join(", ", holders(namespace))
        + " (--max-running-per-namespace); it starts when one is free";
  }

  /**
   * Frees the slot of {@code name} and returns the waiters to wake, one per free slot, in the order
   * they came.
   */
  synchronized List<String> release(String namespace, String name) {
    Set<String> held = holders.get(namespace);
    if (held != null) {
      held.remove(name);
      if (held.isEmpty()) {
        holders.remove(namespace);
      }
    }
    LinkedHashSet<String> queue = waiting.get(namespace);
    if (queue == null) {
      return List.of();
    }
    int free = perNamespace - (held == null ? 0 : held.size());
    List<String> wake = new ArrayList<>();
    for (var it = queue.iterator(); it.hasNext() && wake.size() < free; ) {
      wake.add(it.next());
      it.remove();
    }
    if (queue.isEmpty()) {
      waiting.remove(namespace);
    }
    return wake;
  }

  /** Forgets a deleted resource: it neither holds nor waits for a slot. */
  synchronized List<String> forget(String namespace, String name) {
    LinkedHashSet<String> queue = waiting.get(namespace);
    if (queue != null) {
      queue.remove(name);
      if (queue.isEmpty()) {
        waiting.remove(namespace);
      }
    }
    return release(namespace, name);
  }
}
