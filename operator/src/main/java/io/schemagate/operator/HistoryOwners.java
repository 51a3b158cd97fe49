package io.schemagate.operator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which resource a history table belongs to, as far as this operator has seen: the last resource
 * whose bundle agreed with it (at its target, or just applied). Two resources, maybe of two
 * namespaces with the same credentials, that point at one history table would read each other's
 * rows; the second one is then told whose they are, and is never offered a repair or reset of them.
 */
final class HistoryOwners {
  private final Map<String, String> owners = new HashMap<>();

  /** The key of one history table: database kind, JDBC URL, schema and table. */
  static String key(String kind, String jdbcUrl, String schemaAndTable) {
    return kind + "|" + jdbcUrl + "|" + schemaAndTable;
  }

  /** Records {@code resource} as the owner of {@code history}: its bundle agrees with it. */
  synchronized void claim(String history, String resource) {
    // A resource has one history: one it moved away from is no longer its.
    owners.values().removeIf(resource::equals);
    owners.put(history, resource);
  }

  /** The other resource that owns {@code history}, if this operator knows one. */
  synchronized Optional<String> sharedWith(String history, String resource) {
    String owner = owners.get(history);
    return owner == null || owner.equals(resource) ? Optional.empty() : Optional.of(owner);
  }

  /** Forgets a deleted resource. */
  synchronized void forget(String resource) {
    owners.values().removeIf(resource::equals);
  }
}
