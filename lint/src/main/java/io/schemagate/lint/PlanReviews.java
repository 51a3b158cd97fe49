package io.schemagate.lint;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.ReadContext;
import io.schemagate.engine.api.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lint of an engine's plans, with the callbacks a migrate runs: findings with the sizes of
 * their tables, read from the catalogue, and the contract steps among the scripts.
 */
public final class PlanReviews {
  private PlanReviews() {}

  /**
   * The findings and contract steps of {@code plan}, a plan {@code engine} made; empty for a plan
   * that goes down. Reads only, under the engine's deadline.
   */
  public static PlanReview review(MigrationEngine engine, MigrationPlan plan) {
    if (plan.direction() == Direction.DOWN) {
      return PlanReview.empty();
    }
    // Splitting a script can fail as a migration would (an unresolved placeholder): classified as
    // the engine classifies its reads.
    return engine.read(target -> review(target, plan));
  }

  private static PlanReview review(ReadContext target, MigrationPlan plan) {
    List<Script> pending = pending(target, plan);
    // The callbacks run with the plan, so they are linted with it (after the scripts, so that a
    // table the plan creates is new to them too).
    List<Script> scripts = new ArrayList<>(pending);
    scripts.addAll(target.scripts().migrateCallbacks());
    Linter.Lint lint =
        Linter.withSizes(
            Linter.review(scripts, target.url().kind(), target.settings()),
            target.dataSource(),
            target.url().kind(),
            plan.status().schema());
    return new PlanReview(
        lint.findings(), ContractStep.of(pending, lint.findings()), lint.statements());
  }

  private static List<Script> pending(ReadContext target, MigrationPlan plan) {
    return plan.scripts().stream()
        .map(target.scripts().scripts()::get)
        .filter(Objects::nonNull)
        .toList();
  }
}
