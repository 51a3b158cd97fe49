package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The kstatus conditions of a resource: Ready, Reconciling and Stalled, each with its own
 * observedGeneration. A condition keeps its lastTransitionTime while its status stays the same.
 */
final class Conditions {
  static final String READY = "Ready";
  static final String RECONCILING = "Reconciling";
  static final String STALLED = "Stalled";

  private Conditions() {}

  /** The reason of a status's Ready condition, if it has one. */
  static java.util.Optional<String> readyReason(io.schemagate.api.DatabaseMigrationStatus status) {
    if (status == null || status.conditions == null) {
      return java.util.Optional.empty();
    }
    return status.conditions.stream()
        .filter(c -> READY.equals(c.getType()) && c.getReason() != null)
        .map(Condition::getReason)
        .findFirst();
  }

  /**
   * The three conditions for one outcome, set by the reason's state, keeping transition times from
   * {@code previous}.
   */
  static List<Condition> of(
      List<Condition> previous, Reason reason, String message, long generation, Instant now) {
    Reason.State state = reason.state();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(condition(previous, READY, state.ready(), reason, message, generation, now));
    conditions.add(
        condition(previous, RECONCILING, state.reconciling(), reason, message, generation, now));
    conditions.add(condition(previous, STALLED, state.stalled(), reason, message, generation, now));
    return conditions;
  }

  private static Condition condition(
      List<Condition> previous,
      String type,
      boolean value,
      Reason reason,
      String message,
      long generation,
      Instant now) {
    String status = value ? "True" : "False";
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .orElse(now.toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason.name())
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
