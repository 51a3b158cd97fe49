package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Script;
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
import java.util.Objects;
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

  /**
   * The longest statement the lint parses: parsing costs about 130 times a statement's size in
   * heap, so a 1 MB statement (a data load) would cost 130 MB; a longer one is reported as {@code
   * statement-too-large} instead.
   */
  static final int MAX_ANALYSED_CHARS = 64 * 1024;

  private Linter() {}

  /**
   * What one lint found: the findings, and every statement with the lock it takes.
   *
   * @param findings the findings, in order
   * @param statements the statements, in the order they run
   */
  public record Lint(List<Finding> findings, List<PlannedStatement> statements) {}

  /** The findings of {@code scripts}, in order. */
  public static List<Finding> lint(
      List<Script> scripts, DatabaseKind kind, EngineSettings settings) {
    return review(scripts, kind, settings).findings();
  }

  /** The findings and the statements of {@code scripts}, in order. */
  public static Lint review(List<Script> scripts, DatabaseKind kind, EngineSettings settings) {
    return review(scripts, kind, settings, StatementParser.BUDGET);
  }

  static Lint review(
      List<Script> scripts, DatabaseKind kind, EngineSettings settings, Duration budget) {
    Lint lint = new Lint(new ArrayList<>(), new ArrayList<>());
    Set<String> newTables = new HashSet<>();
    try (StatementParser parser = new StatementParser(budget)) {
      for (Script script : scripts) {
        if (!lintScript(script, kind, settings, newTables, lint, parser)) {
          break;
        }
      }
    }
    return new Lint(List.copyOf(lint.findings()), List.copyOf(lint.statements()));
  }

  /** Lints one script; false when the parser's budget ran out in it, so the lint stops. */
  private static boolean lintScript(
      Script script,
      DatabaseKind kind,
      EngineSettings settings,
      Set<String> newTables,
      Lint lint,
      StatementParser parser) {
    List<Finding> findings = lint.findings();
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
      // One piece of Flyway's splitting may hold several statements (a function whose body is
      // RETURN $1): each is analysed, so none hides the ones after it.
      for (Statement piece : pieces(statement, kind)) {
        String code = SqlText.withoutLeadingComments(piece.sql(), kind);
        String first = firstLine(piece, kind);
        boolean tooLarge = code.length() > MAX_ANALYSED_CHARS;
        Optional<StatementRules.Analysis> analysis =
            tooLarge ? Optional.empty() : StatementRules.analyse(code, kind, newTables, parser);
        if (analysis.isEmpty() && !tooLarge) {
          // What the rules need is still read where the parser fails (a column named key): the
          // statement's kind, table and actions, and a table it creates or renames stays new.
          Optional<FallbackReading.Reading> reading = FallbackReading.read(code, kind, newTables);
          if (reading.isPresent() && !reading.get().complete()) {
            add(findings, ignored, finding(LintRule.NOT_ANALYSED, script, piece, kind, null));
          }
          analysis = reading.map(FallbackReading.Reading::analysis);
        }
        if (analysis.isEmpty()) {
          lint.statements()
              .add(new PlannedStatement(script.name(), piece.line(), first, null, "", false, null));
          LintRule rule = tooLarge ? LintRule.STATEMENT_TOO_LARGE : LintRule.NOT_ANALYSED;
          add(findings, ignored, finding(rule, script, piece, kind, null));
          continue;
        }
        StatementRules.Analysis analysed = analysis.get();
        lint.statements()
            .add(
                new PlannedStatement(
                    script.name(),
                    piece.line(),
                    first,
                    analysed.table(),
                    analysed.lock(),
                    analysed.newTable(),
                    null));
        newTables.addAll(analysed.created());
        for (LintRule rule : analysed.hits()) {
          add(
              findings,
              ignored,
              finding(rule, script, piece, kind, analysed.table())
                  .withLock(rule.statementLock() ? analysed.lock() : null));
        }
        structure |= analysed.structureOfExisting();
        if (analysed.dataOfExisting() && firstDataChange.isEmpty()) {
          firstDataChange = Optional.of(piece);
          firstDataTable = analysed.table();
        }
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

  /** The most tables whose sizes one lint reads: those of findings first. */
  static final int MAX_SIZED_TABLES = 200;

  /**
   * The lint with the size and row estimate of each table it names, read from the catalogue of
   * {@code dataSource} (one query per table, no scan, for at most {@link #MAX_SIZED_TABLES} tables,
   * those of findings first); a table the catalogue does not have (yet) keeps no size.
   */
  public static Lint withSizes(Lint lint, DataSource dataSource, DatabaseKind kind, String schema) {
    Set<String> tables = new java.util.LinkedHashSet<>();
    lint.findings().stream().map(Finding::table).filter(Objects::nonNull).forEach(tables::add);
    lint.statements().stream()
        .filter(s -> !s.newTable())
        .map(PlannedStatement::table)
        .filter(Objects::nonNull)
        .forEach(tables::add);
    if (tables.isEmpty()) {
      return lint;
    }
    Map<String, TableSize> sizes = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String table : tables.stream().limit(MAX_SIZED_TABLES).toList()) {
        TableSize.read(connection, kind, schema, table).ifPresent(size -> sizes.put(table, size));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the sizes of the tables the plan touches", e);
    }
    return new Lint(
        lint.findings().stream()
            .map(f -> f.table() == null ? f : f.withSize(sizes.get(f.table())))
            .toList(),
        lint.statements().stream()
            .map(s -> s.table() == null || s.newTable() ? s : s.withSize(sizes.get(s.table())))
            .toList());
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

  /** The statement's first line of SQL, after its comments, cut at 120 characters. */
  private static String firstLine(Statement statement, DatabaseKind kind) {
    String first =
        SqlText.withoutLeadingComments(statement.sql(), kind)
            .lines()
            .map(String::strip)
            .findFirst()
            .orElse("");
    return first.length() > 120 ? first.substring(0, 117) + "..." : first;
  }

  /**
   * The statements of one piece of Flyway's splitting, each with the line its code starts on: the
   * piece itself, or the statements it holds.
   */
  private static List<Statement> pieces(Statement statement, DatabaseKind kind) {
    List<SqlText.Piece> pieces = SqlText.statements(statement.sql(), kind);
    if (pieces.size() == 1) {
      return List.of(statement);
    }
    String sql = statement.sql();
    int codeStart = SqlText.codeStart(sql, kind);
    List<Statement> out = new ArrayList<>();
    for (SqlText.Piece piece : pieces) {
      int pieceCode = piece.start() + SqlText.codeStart(piece.sql(), kind);
      int line =
          statement.line()
              + (int)
                  sql.substring(Math.min(codeStart, pieceCode), pieceCode)
                      .chars()
                      .filter(c -> c == '\n')
                      .count();
      out.add(new Statement(line, piece.sql(), statement.transactional()));
    }
    return out;
  }

  private static Finding finding(
      LintRule rule, Script script, Statement statement, DatabaseKind kind, String table) {
    // Flyway's line is the statement's first line of SQL; its text starts with the comments.
    int line = statement.line();
    String first = firstLine(statement, kind);
    return new Finding(
        rule.id(),
        rule.severity(),
        script.name(),
        line,
        first,
        rule.why(),
        rule.fix(),
        rule.contract(),
        table,
        rule.lock(kind),
        null);
  }
}
