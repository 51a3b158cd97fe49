package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.lint.ContractStep;
import io.schemagate.lint.Finding;
import io.schemagate.lint.PlanReview;
import io.schemagate.lint.PlanReviews;
import io.schemagate.lint.PlannedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plan}: what an upgrade would do, script by script, with each script's lint findings and
 * contract steps, the way the operator shows it in status.plan.
 */
@Command(
    name = "plan",
    header = "What an upgrade would do: statements, locks, findings",
    description = {
      "Show what an upgrade to head (or to a version) would do: each script in order, each of"
          + " its statements with the lock it takes on its table and the table's size and rows"
          + " (from the catalogue, no scan), the lint's findings under them, and which scripts"
          + " are contract steps. Nothing is changed.",
      "Exit 15 when a finding is at least as severe as --fail-on (default none); the refusals"
          + " and exit codes of status otherwise."
    })
final class PlanCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TARGET",
      description = "A version, or head (the default).")
  String target;

  @Option(
      names = "--fail-on",
      defaultValue = "none",
      description = "Exit 15 for a finding at least this severe: error, warning, info or none.")
  LintCommand.FailOn failOn;

  /** The plan as {@code -o json} prints it. */
  record Shown(
      String direction,
      String fromVersion,
      String toVersion,
      List<String> scripts,
      List<Finding> findings,
      List<ContractStep> contractSteps,
      List<PlannedStatement> statements,
      String refusal) {}

  @Override
  public Integer call() {
    try (MigrationEngine engine = root.openForReading()) {
      MigrationPlan plan = engine.plan("head".equals(target) ? null : target);
      PlanReview review = PlanReviews.review(engine, plan);
      if (root.json()) {
        root.printJson(
            new Shown(
                plan.direction().name(),
                plan.fromVersion(),
                plan.toVersion(),
                plan.scripts(),
                review.findings(),
                review.contractSteps(),
                review.statements(),
                plan.refusal().map(r -> r.message()).orElse(null)));
      } else {
        print(plan, review);
      }
      int problem = CheckCommand.problemCode(plan);
      if (problem != ExitCodes.OK) {
        return problem;
      }
      return failOn.fails(review.findings()) ? ExitCodes.LINT_FINDINGS : ExitCodes.OK;
    }
  }

  private void print(Finding finding) {
    root.println("          " + finding.severity() + " " + finding.rule() + ": " + finding.why());
    root.println("            fix: " + finding.fix());
  }

  private void print(MigrationPlan plan, PlanReview review) {
    if (plan.refusal().isPresent()) {
      root.println("Cannot upgrade: " + plan.refusal().get().message());
      return;
    }
    if (plan.direction() == Direction.NONE) {
      root.println(
          "Nothing to do: the database is at " + StatusCommand.orNone(plan.fromVersion()) + ".");
      return;
    }
    root.println(
        (plan.direction() == Direction.UP ? "Upgrade" : "Downgrade")
            + " from "
            + StatusCommand.orNone(plan.fromVersion())
            + " to "
            + StatusCommand.orNone(plan.toVersion())
            + ", "
            + plan.scripts().size()
            + (plan.scripts().size() == 1 ? " script:" : " scripts:"));
    Map<String, ContractStep> contract = new LinkedHashMap<>();
    review.contractSteps().forEach(step -> contract.put(step.script(), step));
    for (String script : plan.scripts()) {
      ContractStep step = contract.get(script);
      root.println(
          "  "
              + script
              + (step == null
                  ? ""
                  : "  [contract step: " + step.why() + "; the operator holds it for older pods]"));
      List<Finding> findings =
          review.findings().stream().filter(f -> f.script().equals(script)).toList();
      List<Integer> lines = new ArrayList<>();
      for (PlannedStatement statement : review.statements()) {
        if (statement.script().equals(script)) {
          lines.add(statement.line());
          root.println(String.format("    %4d  %s", statement.line(), statement.statement()));
          if (statement.takes() != null) {
            root.println("          takes " + statement.takes());
          }
          findings.stream().filter(f -> f.line() == statement.line()).forEach(this::print);
        }
      }
      // Findings of the script as a whole, or after the lint's budget ran out.
      findings.stream().filter(f -> !lines.contains(f.line())).forEach(this::print);
    }
    if (plan.direction() == Direction.DOWN) {
      // The undo scripts' own drops are what a downgrade is for.
      root.println("Undo scripts are not linted.");
      return;
    }
    LintCommand.summary(root, review.findings());
  }
}
