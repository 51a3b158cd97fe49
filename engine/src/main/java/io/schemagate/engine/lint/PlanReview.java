package io.schemagate.engine.lint;

import java.util.List;

/**
 * What the lint says about one plan: its findings, in order, and the contract steps among its
 * scripts.
 */
public record PlanReview(List<Finding> findings, List<ContractStep> contractSteps) {
  public PlanReview {
    findings = List.copyOf(findings);
    contractSteps = List.copyOf(contractSteps);
  }

  /** A plan with nothing to lint (a downgrade, or nothing pending). */
  public static PlanReview empty() {
    return new PlanReview(List.of(), List.of());
  }

  /** The findings at least as severe as {@code threshold}. */
  public List<Finding> atLeast(Severity threshold) {
    return findings.stream().filter(f -> f.severity().compareTo(threshold) >= 0).toList();
  }
}
