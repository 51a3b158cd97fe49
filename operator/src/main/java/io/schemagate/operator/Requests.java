package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import java.util.Map;

/**
 * What the resource's annotations ask for: approval of a plan, a repair, a reset. Each value is a
 * token; a request is acted on once per new token.
 */
record Requests(String approve, String repair, String reset) {
  static Requests of(DatabaseMigration resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null) {
      return new Requests(null, null, null);
    }
    return new Requests(
        annotations.get(DatabaseMigration.APPROVE_ANNOTATION),
        annotations.get(DatabaseMigration.REPAIR_ANNOTATION),
        annotations.get(DatabaseMigration.RESET_ANNOTATION));
  }

  /**
   * True when the approval annotation approves the plan {@code planId}: it carries the id, or
   * {@code <id>@<token>}, and is not the value already used to run a plan ({@code used}). An
   * approval runs its plan once; the same plan again needs a new value.
   */
  boolean approves(String planId, String used) {
    return approve != null
        && !approve.equals(used)
        && (approve.equals(planId) || approve.startsWith(planId + "@"));
  }

  /** The requests as one value: a new value must get a full check. */
  String fingerprint() {
    return String.join("|", String.valueOf(approve), String.valueOf(repair), String.valueOf(reset));
  }
}
