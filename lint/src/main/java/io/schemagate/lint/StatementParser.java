package io.schemagate.lint;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * JSqlParser for one lint: one parsing thread for all its statements, a time limit per statement
 * and a budget for the whole lint. JSqlParser's own {@code parse(String)} starts a thread per
 * statement; in the operator one tenant's bundle must neither multiply threads nor keep a reconcile
 * thread parsing for long, so a statement past its limit, and every statement after the budget, is
 * "not analysed" instead.
 */
final class StatementParser implements AutoCloseable {
  /** The most one statement may take to parse: real migrations parse in milliseconds. */
  static final Duration PER_STATEMENT = Duration.ofSeconds(2);

  /** The most one lint may spend parsing. */
  static final Duration BUDGET = Duration.ofSeconds(10);

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread parsing = new Thread(task, "schemagate-lint");
            parsing.setDaemon(true);
            return parsing;
          });
  private final long deadline;

  StatementParser() {
    this(BUDGET);
  }

  StatementParser(Duration budget) {
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /** True once the lint's budget is spent: no statement is parsed any more. */
  boolean spent() {
    return System.nanoTime() - deadline >= 0;
  }

  /** The statement's syntax tree, or empty when the parser does not know it or ran out of time. */
  Optional<Statement> parse(String sql) {
    if (spent()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          CCJSqlParserUtil.parse(
              sql, thread, parser -> parser.withTimeOut((int) PER_STATEMENT.toMillis())));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
