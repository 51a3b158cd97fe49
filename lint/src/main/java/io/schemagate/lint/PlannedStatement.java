package io.schemagate.lint;

/**
 * One statement of a plan, with the lock it takes: what {@code schemagate plan} lists under each
 * script.
 *
 * @param script the script's file name
 * @param line the line the statement starts on
 * @param statement the statement's first line of SQL
 * @param table the table it works on, as written, or {@code null}
 * @param lock the lock it takes on that table, empty for none or where it was not analysed
 * @param newTable whether an earlier statement of the plan creates the table
 * @param size the table's size and rows, from the catalogue, when a database was read
 */
public record PlannedStatement(
    String script,
    int line,
    String statement,
    String table,
    String lock,
    boolean newTable,
    TableSize size) {
  /** The same statement with the size of its table. */
  public PlannedStatement withSize(TableSize size) {
    return new PlannedStatement(script, line, statement, table, lock, newTable, size);
  }

  /** "SHARE (...) on orders (72 kB, ~500 rows)", or {@code null} when it locks no table. */
  public String takes() {
    if (lock.isEmpty() || table == null) {
      return null;
    }
    return lock
        + " on "
        + table
        + (newTable ? " (created by this plan)" : size == null ? "" : " (" + size.describe() + ")");
  }
}
