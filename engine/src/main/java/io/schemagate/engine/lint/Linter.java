package io.schemagate.engine.lint;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.EngineSettings;
import io.schemagate.engine.Script;
import io.schemagate.engine.flyway.ScriptStatements;
import io.schemagate.engine.flyway.ScriptStatements.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Lints the scripts of a plan, in the order they run, for the database kind at hand: each script
 * split by Flyway's parser, each statement read by JSqlParser and checked by {@link LintRule}'s
 * rules. A table created earlier in the plan is new, so the rules about locks and rows of existing
 * tables leave it alone. A comment {@code -- schemagate:lint-ignore <rule> <reason>} before a
 * statement silences that rule for that statement.
 */
public final class Linter {
  static final String DIRECTIVE = "schemagate:lint-ignore";

  private Linter() {}

  /** The findings of {@code scripts}, in order. */
  public static List<Finding> lint(
      List<Script> scripts, DatabaseKind kind, EngineSettings settings) {
    return lint(scripts, kind, settings, StatementParser.BUDGET);
  }

  static List<Finding> lint(
      List<Script> scripts, DatabaseKind kind, EngineSettings settings, Duration budget) {
    List<Finding> findings = new ArrayList<>();
    Set<String> newTables = new HashSet<>();
    try (StatementParser parser = new StatementParser(budget)) {
      for (Script script : scripts) {
        if (!lintScript(script, kind, settings, newTables, findings, parser)) {
          break;
        }
      }
    }
    return findings;
  }

  /** Lints one script; false when the parser's budget ran out in it, so the lint stops. */
  private static boolean lintScript(
      Script script,
      DatabaseKind kind,
      EngineSettings settings,
      Set<String> newTables,
      List<Finding> findings,
      StatementParser parser) {
    List<Statement> statements = ScriptStatements.split(script, kind, settings);
    boolean structure = false;
    Optional<Statement> firstDataChange = Optional.empty();
    String firstDataTable = null;
    boolean transactional = statements.stream().allMatch(Statement::transactional);
    for (Statement statement : statements) {
      if (parser.spent()) {
        findings.add(finding(LintRule.TIME_BUDGET_SPENT, script, statement, kind, null));
        return false;
      }
      Map<String, String> ignored = new TreeMap<>();
      for (String directive : directives(statement.sql())) {
        String[] words = directive.split("\\s+", 2);
        if (words.length < 2 || words[1].isBlank()) {
          findings.add(finding(LintRule.IGNORE_WITHOUT_REASON, script, statement, kind, null));
        } else {
          ignored.put(words[0], words[1]);
        }
      }
      Optional<StatementRules.Analysis> analysis =
          StatementRules.analyse(statement.sql(), kind, newTables, parser);
      if (analysis.isEmpty()) {
        add(findings, ignored, finding(LintRule.NOT_ANALYSED, script, statement, kind, null));
        continue;
      }
      analysis.get().created().ifPresent(newTables::add);
      for (LintRule rule : analysis.get().hits()) {
        add(findings, ignored, finding(rule, script, statement, kind, analysis.get().table()));
      }
      structure |= analysis.get().structureOfExisting();
      if (analysis.get().dataOfExisting() && firstDataChange.isEmpty()) {
        firstDataChange = Optional.of(statement);
        firstDataTable = analysis.get().table();
      }
    }
    if (structure
        && firstDataChange.isPresent()
        && transactional
        && LintRule.DDL_AND_DATA_IN_ONE_TRANSACTION.appliesTo(kind)) {
      findings.add(
          finding(
              LintRule.DDL_AND_DATA_IN_ONE_TRANSACTION,
              script,
              firstDataChange.get(),
              kind,
              firstDataTable));
    }
    return true;
  }

  /**
   * The findings with the size and row estimate of each one's table, read from the catalogue of
   * {@code dataSource} (one query per table, no scan); a table the catalogue does not have (yet)
   * keeps no size.
   */
  public static List<Finding> withSizes(
      List<Finding> findings, DataSource dataSource, DatabaseKind kind, String schema) {
    if (findings.stream().allMatch(f -> f.table() == null)) {
      return findings;
    }
    Map<String, Optional<TableSize>> sizes = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      List<Finding> sized = new ArrayList<>();
      for (Finding finding : findings) {
        if (finding.table() == null) {
          sized.add(finding);
          continue;
        }
        Optional<TableSize> size = sizes.get(finding.table());
        if (size == null) {
          size = TableSize.read(connection, kind, schema, finding.table());
          sizes.put(finding.table(), size);
        }
        sized.add(size.map(finding::withSize).orElse(finding));
      }
      return sized;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the sizes of the tables the plan touches", e);
    }
  }

  private static void add(List<Finding> findings, Map<String, String> ignored, Finding finding) {
    if (!ignored.containsKey(finding.rule())) {
      findings.add(finding);
    }
  }

  /** The text after each {@code schemagate:lint-ignore} in the statement's leading comments. */
  static List<String> directives(String sql) {
    List<String> directives = new ArrayList<>();
    for (String line : sql.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("--")) {
        break;
      }
      String comment = trimmed.substring(2).strip();
      if (comment.startsWith(DIRECTIVE)) {
        directives.add(comment.substring(DIRECTIVE.length()).strip());
      }
    }
    return directives;
  }

  private static Finding finding(
      LintRule rule, Script script, Statement statement, DatabaseKind kind, String table) {
    // Flyway's line is the statement's first line of SQL; its text starts with the comments.
    int line = statement.line();
    String first =
        statement
            .sql()
            .lines()
            .map(String::strip)
            .filter(text -> !text.isEmpty() && !text.startsWith("--"))
            .findFirst()
            .orElse("");
    return new Finding(
        rule.id(),
        rule.severity(),
        script.name(),
        line,
        first.length() > 120 ? first.substring(0, 117) + "..." : first,
        rule.why(),
        rule.fix(),
        rule.contract(),
        table,
        rule.lock(kind),
        null);
  }
}
