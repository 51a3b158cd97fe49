package io.schemagate.engine;

import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.StatusReport;
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

  /**
   * The scripts Flyway will run under {@code info} (configured with the plan's target) are the
   * plan's, in its order: a plan and a run that part ways stop before anything runs.
   *
   * @throws EngineException {@link FailureKind#REFUSED} naming both lists when they differ
   */
  static void checkScripts(EngineParts parts, MigrationPlan plan, MigrationInfoService info) {
    java.util.List<String> flyway =
        java.util.Arrays.stream(info.all())
            .filter(i -> i.getState() == org.flywaydb.core.api.MigrationState.PENDING)
            .map(org.flywaydb.core.api.MigrationInfo::getScript)
            .toList();
    if (!flyway.equals(plan.scripts())) {
      throw new EngineException(
          FailureKind.REFUSED,
          Refusals.planDiffers(plan.status().database(), plan.scripts(), flyway));
    }
  }
}
