package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The lock a statement takes on the table it works on, in each database's words: PostgreSQL's table
 * lock modes (the "Explicit Locking" chapter of its manual), MySQL's and MariaDB's metadata locks
 * and online DDL, H2's table locks and SQLite's database lock. Pure, from the syntax tree.
 */
final class StatementLocks {
  static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE (reads and writes wait)";

  private StatementLocks() {}

  /** The lock, or an empty text for a statement that locks no existing table. */
  static String of(Statement statement, DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> postgres(statement);
      case MYSQL, MARIADB -> mysql(statement);
      case H2 -> data(statement) ? "row locks on the rows it changes" : "an exclusive table lock";
      case SQLITE -> "the database's write lock (writers wait; readers go on in WAL mode)";
    };
  }

  private static String postgres(Statement statement) {
    if (statement instanceof CreateIndex index) {
      return index.isConcurrently()
          ? "SHARE UPDATE EXCLUSIVE (reads and writes go on)"
          : "SHARE (writes wait until the index is built)";
    }
    if (statement instanceof Alter alter) {
      List<AlterExpression> changes = alter.getAlterExpressions();
      boolean foreignKeysOnly =
          changes != null
              && !changes.isEmpty()
              && changes.stream()
                  .allMatch(
                      e ->
                          e.getOperation() == AlterOperation.ADD
                              && e.getIndex() instanceof ForeignKeyIndex);
      boolean validatesOnly =
          changes != null
              && !changes.isEmpty()
              && changes.stream()
                  .allMatch(
                      e ->
                          e.getOperation() == AlterOperation.UNSPECIFIC
                              && e.toString()
                                  .toUpperCase(Locale.ROOT)
                                  .startsWith("VALIDATE CONSTRAINT"));
      if (validatesOnly) {
        return "SHARE UPDATE EXCLUSIVE (reads and writes go on)";
      }
      // Other forms get the lock ALTER TABLE takes unless PostgreSQL's manual names a weaker one
      // for them: saying too strong a lock is the safe mistake.
      return foreignKeysOnly ? "SHARE ROW EXCLUSIVE (writes wait)" : ACCESS_EXCLUSIVE;
    }
    if (statement instanceof Drop || statement instanceof Truncate) {
      return ACCESS_EXCLUSIVE;
    }
    if (statement instanceof Update || statement instanceof Delete) {
      return "ROW EXCLUSIVE, and a row lock on each row it changes until commit";
    }
    return statement instanceof Insert ? "ROW EXCLUSIVE" : "";
  }

  private static String mysql(Statement statement) {
    List<String> hints = hints(statement);
    if (statement instanceof CreateIndex || statement instanceof Alter) {
      if (hints.stream().anyMatch(h -> h.contains("INSTANT"))) {
        return "an exclusive metadata lock, for a moment (ALGORITHM=INSTANT)";
      }
      if (hints.stream().anyMatch(h -> h.contains("INPLACE"))) {
        return hints.stream().anyMatch(h -> h.contains("NONE"))
            ? "an exclusive metadata lock at its start and end only; reads and writes go on in"
                + " between (ALGORITHM=INPLACE, LOCK=NONE)"
            : "an exclusive metadata lock at its start and end; in between the least the change"
                + " allows (ALGORITHM=INPLACE)";
      }
      return "an exclusive metadata lock; the server may copy the table, and writes wait while it"
          + " does";
    }
    if (statement instanceof Drop || statement instanceof Truncate) {
      return "an exclusive metadata lock";
    }
    return data(statement) ? "row locks on the rows it changes until commit" : "";
  }

  private static boolean data(Statement statement) {
    return statement instanceof Update
        || statement instanceof Delete
        || statement instanceof Insert
        || statement instanceof Truncate;
  }

  /** The ALGORITHM and LOCK clauses, upper-cased. */
  private static List<String> hints(Statement statement) {
    if (statement instanceof CreateIndex index && index.getTailParameters() != null) {
      return index.getTailParameters().stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
    }
    if (statement instanceof Alter alter && alter.getAlterExpressions() != null) {
      return alter.getAlterExpressions().stream()
          .filter(
              e ->
                  e.getOperation() == AlterOperation.ALGORITHM
                      || e.getOperation() == AlterOperation.LOCK)
          .map(e -> e.toString().toUpperCase(Locale.ROOT))
          .toList();
    }
    return List.of();
  }
}
