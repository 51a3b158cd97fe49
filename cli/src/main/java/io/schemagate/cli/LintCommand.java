package io.schemagate.cli;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.ScriptType;
import io.schemagate.engine.api.Versions;
import io.schemagate.lint.Finding;
import io.schemagate.lint.Linter;
import io.schemagate.lint.PlanReviews;
import io.schemagate.lint.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lint}: the risks of the scripts an upgrade would run, before they run. */
@Command(
    name = "lint",
    header = "The risks of the scripts an upgrade would run",
    description = {
      "Lint the scripts an upgrade to head would run: locks and rewrites of existing tables, drops"
          + " and renames (contract steps), TRUNCATE, UPDATE and DELETE without WHERE. Each"
          + " finding names its rule, script and line, why it is risky and the safe way.",
      "Exit 15 when a finding is at least as severe as --fail-on (default error)."
    })
final class LintCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = "--all",
      description =
          "Lint what an empty database runs, without reading the database: every script in"
              + " order, or with baseline scripts the newest one and the versions above it.")
  boolean all;

  @Option(
      names = "--since",
      paramLabel = "VERSION",
      description =
          "Lint the scripts above VERSION without reading the database, as if VERSION were"
              + " applied: what CI checks on a branch (tables the linted scripts do not create"
              + " count as existing).")
  String since;

  @Option(
      names = "--fail-on",
      defaultValue = "error",
      description = "Exit 15 for a finding at least this severe: error, warning, info or none.")
  FailOn failOn;

  /** The severity from which findings fail a command. */
  enum FailOn {
    none,
    info,
    warning,
    error;

    boolean fails(List<Finding> findings) {
      return this != none
          && findings.stream()
              .anyMatch(
                  f ->
                      f.severity().compareTo(Severity.valueOf(name().toUpperCase(Locale.ROOT)))
                          >= 0);
    }
  }

  @Override
  public Integer call() {
    List<Finding> findings;
    if (all || since != null) {
      DatabaseKind kind = root.url().kind();
      List<Script> scripts = ordered(root.bundle().forDatabase(kind), since == null);
      if (since != null) {
        String from =
            Versions.parse(since)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--since '" + since + "' is not a version: write e.g. 6"));
        scripts =
            scripts.stream()
                .filter(s -> s.version() == null || Versions.compare(s.version(), from) > 0)
                .toList();
      }
      findings = Linter.lint(scripts, kind, root.settings());
    } else {
      try (MigrationEngine engine = root.openForReading()) {
        MigrationPlan plan = engine.plan("head");
        // A lint that passes an upgrade the engine refuses would be a green check for nothing.
        if (plan.refusal().isPresent()) {
          throw plan.refusal().get().toException("upgrade");
        }
        findings = PlanReviews.review(engine, plan).findings();
      }
    }
    print(root, findings);
    return failOn.fails(findings) ? ExitCodes.LINT_FINDINGS : ExitCodes.OK;
  }

  /**
   * The scripts in the order they run, the repeatable ones last by name. On an empty database
   * ({@code fresh}) Flyway runs the newest baseline script and the versioned scripts above it (all
   * of them without one); on one with history, the versioned scripts and no baseline script.
   */
  private static List<Script> ordered(ScriptSet scripts, boolean fresh) {
    List<Script> ordered = new ArrayList<>();
    List<Script> baselines = fresh ? scripts.baselines() : List.of();
    Script baseline = baselines.isEmpty() ? null : baselines.get(baselines.size() - 1);
    if (baseline != null) {
      ordered.add(baseline);
    }
    scripts.versioned().stream()
        .filter(s -> baseline == null || Versions.compare(s.version(), baseline.version()) > 0)
        .forEach(ordered::add);
    scripts.scripts().values().stream()
        .filter(s -> s.type() == ScriptType.REPEATABLE)
        .sorted(Comparator.comparing(Script::name))
        .forEach(ordered::add);
    return ordered;
  }

  /** The findings as a table with why and fix under each, or as JSON. */
  static void print(SchemagateCommand root, List<Finding> findings) {
    if (root.json()) {
      root.printJson(findings);
      return;
    }
    for (Finding finding : findings) {
      root.println(
          String.format(
              "%-8s %s  %s:%d  %s",
              finding.severity(),
              finding.rule(),
              finding.script(),
              finding.line(),
              finding.statement()));
      String takes = finding.takes();
      if (takes != null) {
        root.println("         takes: " + takes);
      }
      root.println("         why: " + finding.why());
      root.println("         fix: " + finding.fix());
    }
    summary(root, findings);
  }

  /** The count line: findings by severity and the contract steps. */
  static void summary(SchemagateCommand root, List<Finding> findings) {
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    List<String> contract =
        findings.stream().filter(Finding::contract).map(Finding::script).distinct().toList();
    root.println(
        findings.isEmpty()
            ? "No findings."
            : findings.size()
                + " finding"
                + (findings.size() == 1 ? "" : "s")
                + ": "
                + errors
                + " error"
                + (errors == 1 ? "" : "s")
                + ", "
                + warnings
                + " warning"
                + (warnings == 1 ? "" : "s")
                + ", "
                + (findings.size() - errors - warnings)
                + " info"
                + (contract.isEmpty() ? "" : "; contract steps: " + String.join(", ", contract)));
  }
}
