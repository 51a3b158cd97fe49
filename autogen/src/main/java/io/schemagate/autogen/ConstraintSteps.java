package io.schemagate.autogen;

import io.schemagate.autogen.Draft.Phase;
import io.schemagate.autogen.Schema.Check;
import io.schemagate.autogen.Schema.ForeignKey;
import io.schemagate.autogen.Schema.Index;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import io.schemagate.autogen.ScriptPhases.Step;
import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Constraints and indexes of existing tables in their safe forms: PostgreSQL's {@code NOT VALID}
 * then {@code VALIDATE}, indexes built concurrently and then made constraints, MySQL's and
 * MariaDB's algorithms, and the indexes MySQL makes for foreign keys of its own accord.
 */
final class ConstraintSteps {
  private final SqlWriter sql;
  private final Schema current;
  private final Schema desired;
  private final ScriptPhases phases;

  ConstraintSteps(SqlWriter sql, Schema current, Schema desired, ScriptPhases phases) {
    this.sql = sql;
    this.current = current;
    this.desired = desired;
    this.phases = phases;
  }

  private boolean postgres() {
    return sql.kind() == DatabaseKind.POSTGRESQL;
  }

  private void add(Phase phase, Step step) {
    phases.add(phase, step);
  }

  private String fresh(String name, String wanted) {
    return phases.fresh(name, wanted);
  }

  void addForeignKeyToNewTable(String table, ForeignKey k) {
    String name = fresh(sql.constraintName(table, k.columns(), "fkey", k.name()), k.name());
    ForeignKey named = new ForeignKey(name, k.columns(), k.table(), k.referenced(), k.onDelete());
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "ADD " + sql.foreignKey(named), null),
            sql.alter(table, dropConstraint(name, "FOREIGN KEY"), null)));
  }

  private String dropConstraint(String name, String type) {
    if (sql.mysql()) {
      return switch (type) {
        case "FOREIGN KEY" -> "DROP FOREIGN KEY " + sql.name(name);
        case "UNIQUE" -> "DROP INDEX " + sql.name(name);
        default -> "DROP CONSTRAINT " + sql.name(name);
      };
    }
    return "DROP CONSTRAINT " + sql.name(name);
  }

  void addUnique(String table, Unique u) {
    String name = fresh(sql.constraintName(table, u.columns(), "key", u.name()), u.name());
    if (postgres() && current.tables().containsKey(table)) {
      // The index is built without blocking writes, then becomes the constraint at once.
      add(
          Phase.INDEXES,
          Step.of(
              sql.createIndex(table, new Index(name, u.columns(), true, null), true),
              sql.dropIndex(table, name, true)));
      add(
          Phase.VALIDATE,
          Step.of(
              sql.alter(
                  table,
                  "ADD CONSTRAINT " + sql.name(name) + " UNIQUE USING INDEX " + sql.name(name),
                  null),
              sql.alter(table, "DROP CONSTRAINT " + sql.name(name), null)));
      return;
    }
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "ADD " + sql.unique(name, u), SqlWriter.INPLACE),
            sql.alter(table, dropConstraint(name, "UNIQUE"), SqlWriter.INPLACE)));
  }

  void dropUnique(String table, Unique u) {
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, dropConstraint(u.name(), "UNIQUE"), SqlWriter.INPLACE),
            sql.alter(table, "ADD " + sql.unique(u.name(), u), SqlWriter.INPLACE)));
  }

  void addCheck(String table, Check c) {
    String name = fresh(sql.constraintName(table, List.of(), "check", c.name()), c.name());
    String add = "ADD CONSTRAINT " + sql.name(name) + " CHECK " + sql.checkText(c);
    String drop = sql.alter(table, "DROP CONSTRAINT " + sql.name(name), SqlWriter.COPY);
    if (postgres()) {
      add(Phase.EXPAND, Step.of(sql.alter(table, add + " NOT VALID", null), drop));
      add(
          Phase.VALIDATE,
          Step.of(sql.alter(table, "VALIDATE CONSTRAINT " + sql.name(name), null), null));
      return;
    }
    add(Phase.EXPAND, Step.of(sql.alter(table, add, SqlWriter.COPY), drop));
  }

  void dropCheck(String table, Check c) {
    String add = "ADD CONSTRAINT " + sql.name(c.name()) + " CHECK " + sql.checkText(c);
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "DROP CONSTRAINT " + sql.name(c.name()), SqlWriter.COPY),
            sql.alter(table, add + (postgres() ? " NOT VALID" : ""), SqlWriter.COPY)));
  }

  void addForeignKey(String table, ForeignKey k) {
    String name = fresh(sql.constraintName(table, k.columns(), "fkey", k.name()), k.name());
    ForeignKey named = new ForeignKey(name, k.columns(), k.table(), k.referenced(), k.onDelete());
    List<String> undo = new ArrayList<>();
    undo.add(sql.alter(table, dropConstraint(name, "FOREIGN KEY"), SqlWriter.INPLACE));
    if (sql.mysql() && serverIndexes(current.tables().get(table), k.columns())) {
      undo.add(sql.alter(table, "DROP INDEX " + sql.name(name), SqlWriter.INPLACE));
    }
    if (postgres()) {
      add(
          Phase.EXPAND,
          new Step(
              List.of(sql.alter(table, "ADD " + sql.foreignKey(named) + " NOT VALID", null)),
              undo));
      add(
          Phase.VALIDATE,
          Step.of(sql.alter(table, "VALIDATE CONSTRAINT " + sql.name(name), null), null));
      return;
    }
    // MySQL and MariaDB check a new foreign key's rows only by copying the table.
    add(
        Phase.EXPAND,
        new Step(List.of(sql.alter(table, "ADD " + sql.foreignKey(named), SqlWriter.COPY)), undo));
  }

  void dropForeignKey(String table, ForeignKey k) {
    List<String> forward = new ArrayList<>();
    forward.add(sql.alter(table, dropConstraint(k.name(), "FOREIGN KEY"), SqlWriter.INPLACE));
    if (sql.mysql() && serverIndexes(desired.tables().get(table), k.columns())) {
      forward.add(sql.alter(table, "DROP INDEX " + sql.name(k.name()), SqlWriter.INPLACE));
    }
    add(
        Phase.EXPAND,
        new Step(forward, List.of(sql.alter(table, "ADD " + sql.foreignKey(k), SqlWriter.COPY))));
  }

  /**
   * Whether MySQL or MariaDB makes an index of their own for a foreign key on {@code columns}: when
   * no index, unique key or primary key of the table starts with them.
   */
  private static boolean serverIndexes(Table table, List<String> columns) {
    if (table == null) {
      return true;
    }
    List<List<String>> keys = new ArrayList<>();
    keys.add(table.primaryKey());
    table.uniques().forEach(u -> keys.add(u.columns()));
    table.indexes().forEach(i -> keys.add(i.columns()));
    return keys.stream()
        .noneMatch(k -> k.size() >= columns.size() && k.subList(0, columns.size()).equals(columns));
  }

  void addIndex(String table, Index i) {
    add(postgres() ? Phase.INDEXES : Phase.EXPAND, indexStep(table, i));
  }

  void dropIndex(String table, Index i) {
    Step create = indexStep(table, i);
    add(postgres() ? Phase.INDEXES : Phase.EXPAND, new Step(create.undo(), create.forward()));
  }

  /**
   * Building an index on an existing table and dropping it again, in the kind's safe form:
   * concurrently on PostgreSQL, in place without a lock on MySQL and MariaDB.
   */
  private Step indexStep(String table, Index i) {
    if (postgres()) {
      return Step.of(sql.createIndex(table, i, true), sql.dropIndex(table, i.name(), true));
    }
    if (sql.mysql()) {
      String add =
          "ADD "
              + (i.unique() ? "UNIQUE " : "")
              + "INDEX "
              + sql.name(i.name())
              + " ("
              + sql.names(i.columns())
              + ")";
      return Step.of(
          sql.alter(table, add, SqlWriter.INPLACE),
          sql.alter(table, "DROP INDEX " + sql.name(i.name()), SqlWriter.INPLACE));
    }
    return Step.of(sql.createIndex(table, i, false), sql.dropIndex(table, i.name(), false));
  }
}
