package io.schemagate.lint;

import java.util.List;

/**
 * What the lint says about one plan: its findings, in order, the contract steps among its scripts,
 * and every statement with the lock it takes.
 */
public record PlanReview(
    List<Finding> findings, List<ContractStep> contractSteps, List<PlannedStatement> statements) {
  public PlanReview {
    findings = List.copyOf(findings);
    contractSteps = List.copyOf(contractSteps);
    statements = List.copyOf(statements);
  }

  /** Findings and contract steps, without the statements. */
  public PlanReview(List<Finding> findings, List<ContractStep> contractSteps) {
    this(findings, contractSteps, List.of());
  }

  /** A plan with nothing to lint (a downgrade, or nothing pending). */
  public static PlanReview empty() {
    return new PlanReview(List.of(), List.of(), List.of());
  }

  /** The findings at least as severe as {@code threshold}. */
  public List<Finding> atLeast(Severity threshold) {
    return findings.stream().filter(f -> f.severity().compareTo(threshold) >= 0).toList();
  }
}
