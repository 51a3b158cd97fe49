package io.schemagate.autogen;

import io.schemagate.autogen.Draft.Phase;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.ScriptPhases.Step;
import io.schemagate.db.DatabaseKind;
import java.util.List;

/**
 * Columns of existing tables in their safe forms: a new NOT NULL column added nullable and made NOT
 * NULL once the running release is gone (on PostgreSQL through a validated check), type and default
 * changes, and a changed primary key.
 */
final class ColumnSteps {
  private final SqlWriter sql;
  private final ScriptPhases phases;

  ColumnSteps(SqlWriter sql, ScriptPhases phases) {
    this.sql = sql;
    this.phases = phases;
  }

  private boolean postgres() {
    return sql.kind() == DatabaseKind.POSTGRESQL;
  }

  private void add(Phase phase, Step step) {
    phases.add(phase, step);
  }

  private void note(Phase phase, String note) {
    phases.note(phase, note);
  }

  void addColumn(String table, Column c) {
    boolean mustFill =
        !c.nullable() && c.defaultValue() == null && !c.identity() && c.generated() == null;
    if (!mustFill) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "ADD COLUMN " + sql.column(c), SqlWriter.INSTANT),
              sql.alter(table, "DROP COLUMN " + sql.name(c.name()), SqlWriter.INSTANT)));
      return;
    }
    // NOT NULL without a default fails on a table with rows, and the running release does not
    // write the column: it is added nullable, and NOT NULL follows once that release is gone.
    Column nullable = new Column(c.name(), c.type(), true, null, null, false);
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "ADD COLUMN " + sql.column(nullable), SqlWriter.INSTANT),
            sql.alter(table, "DROP COLUMN " + sql.name(c.name()), SqlWriter.INSTANT)));
    note(
        Phase.CONTRACT,
        "fill "
            + table
            + "."
            + c.name()
            + " for the rows that exist (in batches) before the NOT NULL step runs");
    setNotNull(table, nullable, c);
  }

  /** NOT NULL for a column that took NULL: after the running release is gone. */
  private void setNotNull(String table, Column before, Column after) {
    if (postgres()) {
      String check = sql.constraintName(table, List.of(after.name()), "not_null", null);
      String addCheck =
          sql.alter(
              table,
              "ADD CONSTRAINT "
                  + sql.name(check)
                  + " CHECK ("
                  + sql.name(after.name())
                  + " IS NOT NULL) NOT VALID",
              null);
      add(
          Phase.CONTRACT,
          Step.of(addCheck, sql.alter(table, "DROP CONSTRAINT " + sql.name(check), null)));
      add(
          Phase.ENFORCE,
          new Step(
              List.of(
                  sql.alter(table, "VALIDATE CONSTRAINT " + sql.name(check), null),
                  "-- schemagate:lint-ignore set-not-null the validated check "
                      + check
                      + " proves it, so PostgreSQL 12 and later skip the scan\n"
                      + sql.alter(
                          table, "ALTER COLUMN " + sql.name(after.name()) + " SET NOT NULL", null),
                  sql.alter(table, "DROP CONSTRAINT " + sql.name(check), null)),
              List.of(
                  addCheck,
                  sql.alter(
                      table, "ALTER COLUMN " + sql.name(after.name()) + " DROP NOT NULL", null))));
      return;
    }
    if (sql.mysql()) {
      add(
          Phase.CONTRACT,
          Step.of(
              sql.alter(table, "MODIFY COLUMN " + sql.column(after), SqlWriter.COPY),
              sql.alter(table, "MODIFY COLUMN " + sql.column(before), SqlWriter.COPY)));
      return;
    }
    add(
        Phase.CONTRACT,
        Step.of(
            sql.alter(table, "ALTER COLUMN " + sql.name(after.name()) + " SET NOT NULL", null),
            sql.alter(table, "ALTER COLUMN " + sql.name(after.name()) + " DROP NOT NULL", null)));
  }

  void alterColumn(String table, Column before, Column after) {
    if (sql.mysql()) {
      boolean defaultOnly =
          before.type().equalsIgnoreCase(after.type())
              && before.nullable() == after.nullable()
              && java.util.Objects.equals(before.generated(), after.generated());
      if (defaultOnly) {
        add(
            Phase.EXPAND,
            Step.of(
                setDefault(table, after, SqlWriter.INSTANT),
                setDefault(table, before, SqlWriter.INSTANT)));
        return;
      }
      if (!after.nullable() && before.nullable() && before.type().equalsIgnoreCase(after.type())) {
        setNotNull(table, before, after);
        return;
      }
      note(Phase.EXPAND, "changing " + table + "." + after.name() + " copies the table " + table);
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "MODIFY COLUMN " + sql.column(after), SqlWriter.COPY),
              sql.alter(table, "MODIFY COLUMN " + sql.column(before), SqlWriter.COPY)));
      return;
    }
    String column = sql.name(after.name());
    if (!before.type().equalsIgnoreCase(after.type())) {
      String to =
          postgres()
              ? "TYPE " + after.type() + " USING " + column + "::" + after.type()
              : "SET DATA TYPE " + after.type();
      String back =
          postgres()
              ? "TYPE " + before.type() + " USING " + column + "::" + before.type()
              : "SET DATA TYPE " + before.type();
      note(
          Phase.EXPAND,
          "changing the type of "
              + table
              + "."
              + after.name()
              + " rewrites the table; for a large table add a new column, backfill, and switch"
              + " instead");
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "ALTER COLUMN " + column + " " + to, null),
              sql.alter(table, "ALTER COLUMN " + column + " " + back, null)));
    }
    if (!java.util.Objects.equals(before.defaultValue(), after.defaultValue())) {
      add(Phase.EXPAND, Step.of(setDefault(table, after, null), setDefault(table, before, null)));
    }
    if (before.nullable() && !after.nullable()) {
      setNotNull(table, before, after);
    } else if (!before.nullable() && after.nullable()) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "ALTER COLUMN " + column + " DROP NOT NULL", null),
              sql.alter(table, "ALTER COLUMN " + column + " SET NOT NULL", null)));
    }
    if (!java.util.Objects.equals(before.generated(), after.generated())
        || before.identity() != after.identity()) {
      note(
          Phase.EXPAND,
          "whether "
              + table
              + "."
              + after.name()
              + " is generated or an identity changes: not written, change it by hand");
    }
  }

  private String setDefault(String table, Column c, String algorithm) {
    String column = sql.name(c.name());
    return c.defaultValue() == null
        ? sql.alter(table, "ALTER COLUMN " + column + " DROP DEFAULT", algorithm)
        : sql.alter(
            table, "ALTER COLUMN " + column + " SET DEFAULT " + c.defaultValue(), algorithm);
  }

  void primaryKey(Table before, Table after) {
    String table = after.name();
    String drop =
        sql.mysql() ? "DROP PRIMARY KEY" : "DROP CONSTRAINT " + sql.name(before.primaryKeyName());
    String addAfter = "ADD PRIMARY KEY (" + sql.names(after.primaryKey()) + ")";
    String addBefore = "ADD PRIMARY KEY (" + sql.names(before.primaryKey()) + ")";
    if (before.primaryKey().isEmpty()) {
      add(Phase.EXPAND, Step.of(sql.alter(table, addAfter, SqlWriter.COPY), null));
    } else if (after.primaryKey().isEmpty()) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, drop, SqlWriter.COPY), sql.alter(table, addBefore, SqlWriter.COPY)));
    } else {
      add(
          Phase.EXPAND,
          new Step(
              List.of(
                  sql.alter(table, drop, SqlWriter.COPY),
                  sql.alter(table, addAfter, SqlWriter.COPY)),
              List.of(
                  sql.alter(
                      table,
                      "DROP "
                          + (sql.mysql()
                              ? "PRIMARY KEY"
                              : "CONSTRAINT " + sql.name(table + "_pkey")),
                      SqlWriter.COPY),
                  sql.alter(table, addBefore, SqlWriter.COPY))));
    }
    note(Phase.EXPAND, "the primary key of " + table + " changes: review the script by hand");
  }
}
