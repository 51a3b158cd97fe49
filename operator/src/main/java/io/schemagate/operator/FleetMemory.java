package io.schemagate.operator;

import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.operator.FleetRollout.TargetState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator saw of each target of each fleet, by resource uid and target name. It is a
 * cache, not a record: after a restart each target is observed again in wave order, and the status
 * keeps what must survive (the wave started, the halt, the tokens acted on).
 */
final class FleetMemory {
  /**
   * One target as last seen.
   *
   * @param rollout the rollout it was seen in ({@code FleetStatus.rollout}); in another rollout its
   *     state is unknown
   * @param observed true when its history was read, so {@code appliedVersion} is known
   * @param status its own status as a single resource's would be (trimmed: no history, no SQL),
   *     which its next run starts from
   * @param result how its last run ended
   */
  record Seen(
      String rollout,
      TargetState state,
      boolean observed,
      DatabaseMigrationStatus status,
      TargetResult result) {
    /** Its state in {@code current}: anything seen in an earlier rollout is unknown. */
    TargetState in(String current) {
      return current.equals(rollout) ? state : TargetState.UNKNOWN;
    }
  }

  private final Map<String, Map<String, Seen>> fleets = new ConcurrentHashMap<>();

  /** The targets of the fleet {@code uid}, by name; the map is live and safe to share. */
  Map<String, Seen> of(String uid) {
    return fleets.computeIfAbsent(uid, u -> new ConcurrentHashMap<>());
  }

  /** Forgets targets no longer in the fleet; returns their names. */
  List<String> keepOnly(String uid, Set<String> names) {
    Map<String, Seen> targets = of(uid);
    List<String> gone = targets.keySet().stream().filter(n -> !names.contains(n)).toList();
    gone.forEach(targets::remove);
    return gone;
  }

  /** Forgets a deleted resource's fleet; returns its targets' names. */
  Set<String> forget(String uid) {
    Map<String, Seen> targets = fleets.remove(uid);
    return targets == null ? Set.of() : targets.keySet();
  }
}
