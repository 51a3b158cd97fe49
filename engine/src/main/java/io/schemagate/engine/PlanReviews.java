package io.schemagate.engine;

import io.schemagate.engine.lint.ContractStep;
import io.schemagate.engine.lint.Linter;
import io.schemagate.engine.lint.PlanReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lint of one engine's plans, with the callbacks a migrate runs: findings with the sizes of
 * their tables, read from the catalogue, and the contract steps among the scripts.
 */
final class PlanReviews {
  private final EngineParts parts;

  PlanReviews(EngineParts parts) {
    this.parts = parts;
  }

  PlanReview review(MigrationPlan plan) {
    if (plan.direction() == Direction.DOWN) {
      return PlanReview.empty();
    }
    Linter.Lint lint = lint(plan);
    return new PlanReview(
        lint.findings(), ContractStep.of(pending(plan), lint.findings()), lint.statements());
  }

  /**
   * The plan's scripts, then the callbacks a migrate runs around them: they run with the plan, so
   * they are linted with it (after the scripts, so a table the plan creates is new to them too).
   */
  private Linter.Lint lint(MigrationPlan plan) {
    List<Script> scripts = new ArrayList<>(pending(plan));
    scripts.addAll(parts.scripts().migrateCallbacks());
    return Linter.withSizes(
        Linter.review(scripts, parts.url().kind(), parts.settings()),
        parts.guarded(),
        parts.url().kind(),
        plan.status().schema());
  }

  private List<Script> pending(MigrationPlan plan) {
    return plan.scripts().stream()
        .map(parts.scripts().scripts()::get)
        .filter(Objects::nonNull)
        .toList();
  }
}
