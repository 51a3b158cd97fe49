package io.schemagate.autogen;

import io.schemagate.autogen.Change.Kind;
import io.schemagate.autogen.Draft.Phase;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.ScriptPhases.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQLite alters little beyond adding and dropping columns: a table whose constraints or column
 * types change is built anew under a temporary name from the wanted table's own CREATE statement,
 * its rows copied, the old one dropped and the new one renamed.
 */
final class SqliteRebuild {
  private final SqlWriter sql;
  private final Schema current;
  private final Schema desired;
  private final ScriptPhases phases;

  SqliteRebuild(SqlWriter sql, Schema current, Schema desired, ScriptPhases phases) {
    this.sql = sql;
    this.current = current;
    this.desired = desired;
    this.phases = phases;
  }

  private void add(Phase phase, Step step) {
    phases.add(phase, step);
  }

  private void note(Phase phase, String note) {
    phases.note(phase, note);
  }

  /**
   * SQLite alters little beyond adding and dropping columns: a table whose constraints or column
   * types change is built anew under a temporary name, its rows copied, and renamed.
   */
  /** Rebuilds the tables that need it; the names of those rebuilt. */
  Set<String> rebuildTables(List<Change> changes) {
    Set<String> rebuilt = new java.util.HashSet<>();
    Set<String> tables = new LinkedHashSet<>();
    for (Change c : changes) {
      if (c.table() == null || c.kind() == Kind.ADD_TABLE || c.kind() == Kind.DROP_TABLE) {
        continue;
      }
      boolean plain =
          switch (c.kind()) {
            case ADD_INDEX, DROP_INDEX -> true;
            case ADD_COLUMN -> {
              Column col = (Column) c.after();
              yield col.generated() == null && (col.nullable() || col.defaultValue() != null);
            }
            case DROP_COLUMN -> {
              Table t = current.tables().get(c.table());
              String name = ((Column) c.before()).name();
              yield !t.primaryKey().contains(name)
                  && t.uniques().stream().noneMatch(u -> u.columns().contains(name))
                  && t.foreignKeys().stream().noneMatch(k -> k.columns().contains(name))
                  && t.checks().isEmpty();
            }
            default -> false;
          };
      if (!plain) {
        tables.add(c.table());
      }
    }
    for (String table : tables) {
      Table before = current.tables().get(table);
      Table after = desired.tables().get(table);
      boolean drops =
          before.columns().stream().anyMatch(c -> after.column(c.name()) == null)
              || after.columns().stream()
                  .anyMatch(
                      c ->
                          before.column(c.name()) == null
                              && !c.nullable()
                              && c.defaultValue() == null);
      add(
          drops ? Phase.CONTRACT : Phase.EXPAND,
          new Step(rebuild(after, before), rebuild(before, after)));
      note(
          drops ? Phase.CONTRACT : Phase.EXPAND,
          "SQLite cannot alter " + table + " in place: the script rebuilds it and copies its rows");
      rebuilt.add(table);
    }
    return rebuilt;
  }

  private List<String> rebuild(Table to, Table from) {
    String temporary = to.name() + "__schemagate_new";
    List<String> common =
        to.columns().stream()
            .map(Column::name)
            .filter(n -> from.column(n) != null && to.column(n).generated() == null)
            .map(sql::name)
            .toList();
    List<String> statements = new ArrayList<>();
    statements.add(SqlWriter.renamed(to.definition(), temporary));
    statements.add(
        "INSERT INTO "
            + sql.name(temporary)
            + " ("
            + String.join(", ", common)
            + ")\nSELECT "
            + String.join(", ", common)
            + " FROM "
            + sql.name(from.name()));
    statements.add(
        "-- schemagate:lint-ignore drop-table its rows were copied into the rebuilt table\n"
            + "DROP TABLE "
            + sql.name(from.name()));
    statements.add(
        "-- schemagate:lint-ignore rename-table the rebuilt table takes the old name back\n"
            + "ALTER TABLE "
            + sql.name(temporary)
            + " RENAME TO "
            + sql.name(to.name()));
    to.indexes().forEach(i -> statements.add(sql.createIndex(to.name(), i, false)));
    return statements;
  }
}
