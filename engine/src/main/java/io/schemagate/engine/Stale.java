package io.schemagate.engine;

import org.flywaydb.core.api.MigrationInfoService;

/**
 * The check that a plan still holds when it runs: the history read under the lock is row for row
 * the one the plan was made from, and the bundle's digest is the same. What was shown (printed,
 * linted, approved) is what runs, or nothing runs.
 */
final class Stale {
  private Stale() {}

  /**
   * @throws EngineException {@link FailureKind#PLAN_STALE} when anything moved
   */
  static void check(
      EngineParts parts, Inspection expected, StatusReport now, MigrationInfoService info) {
    boolean sameBundle =
        java.util.Objects.equals(expected.status().bundleDigest(), now.bundleDigest());
    if (!sameBundle || !expected.history().equals(parts.reads().historyOf(info))) {
      throw new EngineException(FailureKind.PLAN_STALE, Refusals.planStale(now.database()));
    }
  }
}
