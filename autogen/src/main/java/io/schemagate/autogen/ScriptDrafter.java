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
    // Views that change are dropped first, and made again last: a column they read may be about
    // to change. So are the views PostgreSQL would not let a column's type change under.
    List<View> remade = new ArrayList<>();
    for (Change c : changes) {
      if (c.kind() == Kind.REPLACE_VIEW) {
        remade.add((View) c.before());
      }
    }
    remade.addAll(viewsOverRetypedColumns(changes));
    for (View before : remade) {
      add(Phase.EXPAND, Step.of("DROP VIEW " + sql.name(before.name()), createView(before)));
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
    List<View> made = new ArrayList<>();
    for (Change c : changes) {
      if (c.kind() == Kind.ADD_VIEW || c.kind() == Kind.REPLACE_VIEW) {
        made.add((View) c.after());
      }
    }
    made.addAll(viewsOverRetypedColumns(changes));
    for (View after : made) {
      add(Phase.EXPAND, Step.of(createView(after), "DROP VIEW " + sql.name(after.name())));
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

  /**
   * On PostgreSQL, the unchanged views that read a table one of whose columns changes its type
   * (directly, or as the column of an enum made anew): PostgreSQL refuses the change while they
   * stand.
   */
  private List<View> viewsOverRetypedColumns(List<Change> changes) {
    if (!postgres()) {
      return List.of();
    }
    Set<String> tables = new java.util.HashSet<>();
    for (Change c : of(changes, Kind.ALTER_COLUMN)) {
      if (!((Column) c.before()).type().equalsIgnoreCase(((Column) c.after()).type())) {
        tables.add(c.table());
      }
    }
    Set<String> remadeEnums = new java.util.HashSet<>();
    for (Change c : of(changes, Kind.ALTER_ENUM)) {
      remadeEnums.add(((EnumType) c.before()).name());
    }
    for (Table t : current.tables().values()) {
      if (t.columns().stream().anyMatch(col -> remadeEnums.contains(col.type()))) {
        tables.add(t.name());
      }
    }
    Set<String> changedViews = new java.util.HashSet<>();
    changes.stream()
        .filter(c -> c.kind() == Kind.REPLACE_VIEW || c.kind() == Kind.DROP_VIEW)
        .forEach(c -> changedViews.add(((View) c.before()).name()));
    List<View> views = new ArrayList<>();
    for (View v : current.views().values()) {
      if (changedViews.contains(v.name())) {
        continue;
      }
      String text = v.definition();
      if (tables.stream()
          .anyMatch(t -> text.matches("(?s).*\\b" + java.util.regex.Pattern.quote(t) + "\\b.*"))) {
        views.add(v);
      }
    }
    return views;
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

  /**
   * An enum whose values change: appended values are added in place; otherwise, and always for the
   * undo (PostgreSQL cannot remove a value), the type is made anew and its columns moved to it.
   */
  private void alterEnum(EnumType before, EnumType after) {
    List<String> was = before.values();
    List<String> is = after.values();
    boolean appended = is.size() > was.size() && is.subList(0, was.size()).equals(was);
    List<String> forward = new ArrayList<>();
    if (appended) {
      for (String value : is.subList(was.size(), is.size())) {
        forward.add("ALTER TYPE " + sql.name(after.name()) + " ADD VALUE " + literal(value));
      }
    } else {
      forward.addAll(remakeEnum(after));
      note(
          Phase.EXPAND,
          "the enum "
              + after.name()
              + " is made anew and its columns are rewritten to it; rows that hold a value it"
              + " loses make the script fail: change them first");
    }
    add(Phase.EXPAND, new Step(forward, remakeEnum(before)));
  }

  /** The enum made anew with {@code wanted}'s values, and the columns of that type moved to it. */
  private List<String> remakeEnum(EnumType wanted) {
    String name = sql.name(wanted.name());
    String old = sql.name(wanted.name() + "__schemagate_old");
    List<String> statements = new ArrayList<>();
    statements.add("ALTER TYPE " + name + " RENAME TO " + old);
    statements.add(createEnum(wanted));
    for (Table t : current.tables().values()) {
      for (Column c : t.columns()) {
        if (!c.type().equals(wanted.name()) && !c.type().equals(name)) {
          continue;
        }
        String column = sql.name(c.name());
        if (c.defaultValue() != null) {
          statements.add(sql.alter(t.name(), "ALTER COLUMN " + column + " DROP DEFAULT", null));
        }
        statements.add(
            sql.alter(
                t.name(),
                "ALTER COLUMN " + column + " TYPE " + name + " USING " + column + "::text::" + name,
                null));
        if (c.defaultValue() != null) {
          statements.add(
              sql.alter(
                  t.name(), "ALTER COLUMN " + column + " SET DEFAULT " + c.defaultValue(), null));
        }
      }
    }
    statements.add("DROP TYPE " + old);
    return statements;
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
