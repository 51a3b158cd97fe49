package io.schemagate.engine.api;

import java.util.List;

/**
 * What applying a plan did: the direction, the versions before and after, and each script it ran
 * (migrations applied going up, undo scripts going down), in order.
 */
public record RunReport(
    Direction direction,
    String fromVersion,
    String toVersion,
    List<AppliedMigration> ran,
    long millis) {
  public RunReport {
    ran = List.copyOf(ran);
  }
}
