package io.schemagate.autogen;

import io.schemagate.autogen.Change.Kind;
import io.schemagate.autogen.Draft.Phase;
import io.schemagate.autogen.Schema.Check;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.EnumType;
import io.schemagate.autogen.Schema.ForeignKey;
import io.schemagate.autogen.Schema.Index;
import io.schemagate.autogen.Schema.Sequence;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import io.schemagate.autogen.Schema.View;
import io.schemagate.autogen.ScriptPhases.Step;
import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the changes as scripts in their safe forms, split by {@link Phase}: each statement with
 * the one that undoes it, so that each U script reverts exactly its V script.
 */
final class ScriptDrafter {

  private final SqlWriter sql;
  private final Schema current;
  private final Schema desired;
  private final ScriptPhases phases = new ScriptPhases();
  private final ConstraintSteps constraints;
  private final ColumnSteps columns;
  private Set<String> rebuilt = Set.of();

  private ScriptDrafter(DatabaseKind kind, Schema current, Schema desired) {
    this.sql = new SqlWriter(kind);
    this.current = current;
    this.desired = desired;
    this.constraints = new ConstraintSteps(sql, current, desired, phases);
    this.columns = new ColumnSteps(sql, phases);
  }

  /** The scripts that carry out {@code changes}, in the order they run; empty for none. */
  static List<Draft> draft(
      DatabaseKind kind, Schema current, Schema desired, List<Change> changes) {
    ScriptDrafter drafter = new ScriptDrafter(kind, current, desired);
    drafter.write(changes);
    return drafter.phases.drafts();
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

  private void write(List<Change> changes) {
    renames(changes);
    if (sql.kind() == DatabaseKind.SQLITE) {
      rebuilt = new SqliteRebuild(sql, current, desired, phases).rebuildTables(changes);
    }
    // Views that change or go are dropped first: a column they read may be about to change.
    for (Change c : changes) {
      if (c.kind() == Kind.REPLACE_VIEW) {
        View before = (View) c.before();
        add(Phase.EXPAND, Step.of("DROP VIEW " + sql.name(before.name()), createView(before)));
      }
    }
    for (Change c : of(changes, Kind.ADD_ENUM)) {
      EnumType e = (EnumType) c.after();
      add(Phase.EXPAND, Step.of(createEnum(e), "DROP TYPE " + sql.name(e.name())));
    }
    for (Change c : of(changes, Kind.ALTER_ENUM)) {
      alterEnum((EnumType) c.before(), (EnumType) c.after());
    }
    for (Change c : of(changes, Kind.ADD_SEQUENCE)) {
      Sequence s = (Sequence) c.after();
      add(Phase.EXPAND, Step.of(createSequence(s), "DROP SEQUENCE " + sql.name(s.name())));
    }
    for (Change c : of(changes, Kind.ALTER_SEQUENCE)) {
      Sequence before = (Sequence) c.before();
      Sequence after = (Sequence) c.after();
      add(
          Phase.EXPAND,
          Step.of(
              "ALTER SEQUENCE " + sql.name(after.name()) + " INCREMENT BY " + after.increment(),
              "ALTER SEQUENCE " + sql.name(before.name()) + " INCREMENT BY " + before.increment()));
    }
    createTables(of(changes, Kind.ADD_TABLE).stream().map(c -> (Table) c.after()).toList());
    for (Change c : changes) {
      if (c.table() == null || rebuilt.contains(c.table())) {
        continue;
      }
      switch (c.kind()) {
        case ADD_COLUMN -> columns.addColumn(c.table(), (Column) c.after());
        case ALTER_COLUMN ->
            columns.alterColumn(c.table(), (Column) c.before(), (Column) c.after());
        case PRIMARY_KEY -> columns.primaryKey((Table) c.before(), (Table) c.after());
        case DROP_UNIQUE -> constraints.dropUnique(c.table(), (Unique) c.before());
        case DROP_CHECK -> constraints.dropCheck(c.table(), (Check) c.before());
        case DROP_FOREIGN_KEY -> constraints.dropForeignKey(c.table(), (ForeignKey) c.before());
        case DROP_INDEX -> constraints.dropIndex(c.table(), (Index) c.before());
        default -> {}
      }
    }
    for (Change c : changes) {
      if (c.table() == null || rebuilt.contains(c.table())) {
        continue;
      }
      switch (c.kind()) {
        case ADD_UNIQUE -> constraints.addUnique(c.table(), (Unique) c.after());
        case ADD_CHECK -> constraints.addCheck(c.table(), (Check) c.after());
        case ADD_FOREIGN_KEY -> constraints.addForeignKey(c.table(), (ForeignKey) c.after());
        case ADD_INDEX -> constraints.addIndex(c.table(), (Index) c.after());
        default -> {}
      }
    }
    for (Change c : changes) {
      if (c.kind() == Kind.ADD_VIEW || c.kind() == Kind.REPLACE_VIEW) {
        View after = (View) c.after();
        add(Phase.EXPAND, Step.of(createView(after), "DROP VIEW " + sql.name(after.name())));
      }
    }
    contract(changes);
  }

  /**
   * Renames are not guessed: where a table loses a column and gains one of the same type (or a
   * table goes and one comes), the notes say how to turn the pair into a rename.
   */
  private void renames(List<Change> changes) {
    for (Change dropped : of(changes, Kind.DROP_COLUMN)) {
      Column gone = (Column) dropped.before();
      for (Change added : of(changes, Kind.ADD_COLUMN)) {
        Column come = (Column) added.after();
        if (added.table().equals(dropped.table()) && come.type().equalsIgnoreCase(gone.type())) {
          note(
              Phase.EXPAND,
              "if "
                  + dropped.table()
                  + "."
                  + come.name()
                  + " is "
                  + gone.name()
                  + " renamed, replace its ADD COLUMN here and the DROP COLUMN of the contract"
                  + " script with ALTER TABLE "
                  + sql.name(dropped.table())
                  + " RENAME COLUMN "
                  + sql.name(gone.name())
                  + " TO "
                  + sql.name(come.name())
                  + " in the contract script, which keeps the data");
        }
      }
    }
    List<Change> addedTables = of(changes, Kind.ADD_TABLE);
    for (Change dropped : of(changes, Kind.DROP_TABLE)) {
      for (Change added : addedTables) {
        note(
            Phase.EXPAND,
            "if "
                + ((Table) added.after()).name()
                + " is "
                + ((Table) dropped.before()).name()
                + " renamed, replace its CREATE TABLE and the DROP TABLE of the contract script"
                + " with ALTER TABLE ... RENAME TO in the contract script, which keeps the rows");
      }
    }
  }

  private static List<Change> of(List<Change> changes, Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  // ---- objects without a table

  private String createEnum(EnumType e) {
    return "CREATE TYPE "
        + sql.name(e.name())
        + " AS ENUM ("
        + e.values().stream().map(ScriptDrafter::literal).collect(Collectors.joining(", "))
        + ")";
  }

  private void alterEnum(EnumType before, EnumType after) {
    if (after
            .values()
            .subList(0, Math.min(before.values().size(), after.values().size()))
            .equals(before.values())
        && after.values().size() > before.values().size()) {
      for (String value : after.values().subList(before.values().size(), after.values().size())) {
        add(
            Phase.EXPAND,
            Step.of("ALTER TYPE " + sql.name(after.name()) + " ADD VALUE " + literal(value), null));
      }
      note(
          Phase.EXPAND,
          "PostgreSQL cannot remove a value from an enum: the undo script leaves "
              + after.name()
              + " with its new values");
    } else {
      note(
          Phase.EXPAND,
          "the enum "
              + after.name()
              + " changes other than by appending values: write its change by hand (a new type,"
              + " the columns moved to it, the old type dropped)");
    }
  }

  private String createSequence(Sequence s) {
    return "CREATE SEQUENCE "
        + sql.name(s.name())
        + " START WITH "
        + s.start()
        + " INCREMENT BY "
        + s.increment();
  }

  private String createView(View v) {
    String query = v.definition().strip();
    if (query.endsWith(";")) {
      query = query.substring(0, query.length() - 1).strip();
    }
    return "CREATE VIEW " + sql.name(v.name()) + " AS\n" + query;
  }

  // ---- tables

  /** New tables in an order where each one's foreign keys point to tables already there. */
  private void createTables(List<Table> tables) {
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>(current.tables().keySet());
    List<Table> left = new ArrayList<>(tables);
    while (!left.isEmpty()) {
      Table next =
          left.stream()
              .filter(
                  t ->
                      t.foreignKeys().stream()
                          .allMatch(k -> placed.contains(k.table()) || k.table().equals(t.name())))
              .findFirst()
              .orElse(left.get(0));
      ordered.add(next);
      placed.add(next.name());
      left.remove(next);
    }
    Set<String> created = new HashSet<>();
    List<Runnable> laterKeys = new ArrayList<>();
    for (Table t : ordered) {
      boolean inline =
          t.foreignKeys().stream()
              .allMatch(
                  k ->
                      current.tables().containsKey(k.table())
                          || created.contains(k.table())
                          || k.table().equals(t.name()));
      List<String> forward = new ArrayList<>();
      forward.add(sql.createTable(t, inline || sql.kind() == DatabaseKind.SQLITE));
      for (Index i : t.indexes()) {
        forward.add(sql.createIndex(t.name(), i, false));
      }
      add(Phase.EXPAND, new Step(forward, List.of("DROP TABLE " + sql.name(t.name()))));
      created.add(t.name());
      if (!inline && sql.kind() != DatabaseKind.SQLITE) {
        for (ForeignKey k : t.foreignKeys()) {
          laterKeys.add(() -> constraints.addForeignKeyToNewTable(t.name(), k));
        }
      }
    }
    laterKeys.forEach(Runnable::run);
  }

  // ---- constraints and indexes

  // ---- what goes

  private void contract(List<Change> changes) {
    for (Change c : of(changes, Kind.DROP_VIEW)) {
      View v = (View) c.before();
      add(Phase.CONTRACT, Step.of("DROP VIEW " + sql.name(v.name()), createView(v)));
    }
    for (Change c : of(changes, Kind.DROP_COLUMN)) {
      if (rebuilt.contains(c.table())) {
        continue;
      }
      Column col = (Column) c.before();
      add(
          Phase.CONTRACT,
          Step.of(
              sql.alter(c.table(), "DROP COLUMN " + sql.name(col.name()), SqlWriter.INSTANT),
              sql.alter(c.table(), "ADD COLUMN " + sql.column(col), SqlWriter.INSTANT)));
      note(
          Phase.CONTRACT,
          "the undo script brings the column "
              + c.table()
              + "."
              + col.name()
              + " back, not its data");
    }
    for (Change c : of(changes, Kind.DROP_TABLE)) {
      Table t = (Table) c.before();
      List<String> undo = new ArrayList<>();
      undo.add(sql.createTable(t, true));
      t.indexes().forEach(i -> undo.add(sql.createIndex(t.name(), i, false)));
      add(Phase.CONTRACT, new Step(List.of("DROP TABLE " + sql.name(t.name())), undo));
      note(Phase.CONTRACT, "the undo script brings the table " + t.name() + " back, not its rows");
    }
    for (Change c : of(changes, Kind.DROP_SEQUENCE)) {
      Sequence s = (Sequence) c.before();
      add(Phase.CONTRACT, Step.of("DROP SEQUENCE " + sql.name(s.name()), createSequence(s)));
    }
    for (Change c : of(changes, Kind.DROP_ENUM)) {
      EnumType e = (EnumType) c.before();
      add(Phase.CONTRACT, Step.of("DROP TYPE " + sql.name(e.name()), createEnum(e)));
    }
  }

  // ---- SQLite

  // ---- the scripts

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
