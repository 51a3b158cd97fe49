package io.schemagate.lint;

/**
 * One risk the lint found in one statement.
 *
 * @param rule the rule's id, e.g. {@code index-without-concurrently}
 * @param script the script's file name
 * @param line the line the statement starts on
 * @param statement the statement's first line of SQL
 * @param why why it is risky
 * @param fix the safe way to write it
 * @param contract whether the statement removes or renames what older code may still read
 * @param table the table the statement works on, as written, or {@code null}
 * @param lock the lock it takes on that table, in the database's words, or empty
 * @param size the table's size and rows, from the catalogue, when a database was read
 */
public record Finding(
    String rule,
    Severity severity,
    String script,
    int line,
    String statement,
    String why,
    String fix,
    boolean contract,
    String table,
    String lock,
    TableSize size) {
  /**
   * What it takes, as plans show it: "SHARE (...) on orders (41 GB, ~300 M rows)"; {@code null} for
   * a finding about a script or a directive.
   */
  public String takes() {
    if (lock.isEmpty() || table == null) {
      return null;
    }
    return lock + " on " + table + (size == null ? "" : " (" + size.describe() + ")");
  }

  /** The same finding with the lock its statement takes, when {@code lock} names one. */
  Finding withLock(String lock) {
    return lock == null || lock.isEmpty()
        ? this
        : new Finding(
            rule, severity, script, line, statement, why, fix, contract, table, lock, size);
  }

  /** The same finding with the size of its table. */
  public Finding withSize(TableSize size) {
    return new Finding(
        rule, severity, script, line, statement, why, fix, contract, table, lock, size);
  }
}
