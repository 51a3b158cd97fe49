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
import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the changes as scripts in their safe forms, split by {@link Phase}: each statement with
 * the one that undoes it, so that each U script reverts exactly its V script.
 */
final class ScriptDrafter {
  private static final String INSTANT = "ALGORITHM=INSTANT";
  private static final String INPLACE = "ALGORITHM=INPLACE, LOCK=NONE";
  private static final String COPY = "ALGORITHM=COPY";

  /** Statements that run together and the statements that undo them. */
  private record Step(List<String> forward, List<String> undo) {
    static Step of(String forward, String undo) {
      return new Step(List.of(forward), undo == null ? List.of() : List.of(undo));
    }
  }

  private final SqlWriter sql;
  private final Schema current;
  private final Schema desired;
  private final Map<Phase, List<Step>> steps = new EnumMap<>(Phase.class);
  private final Map<Phase, List<String>> notes = new EnumMap<>(Phase.class);
  private final Set<String> rebuilt = new HashSet<>();
  private final Set<String> used = new HashSet<>();

  private ScriptDrafter(DatabaseKind kind, Schema current, Schema desired) {
    this.sql = new SqlWriter(kind);
    this.current = current;
    this.desired = desired;
    for (Phase phase : Phase.values()) {
      steps.put(phase, new ArrayList<>());
      notes.put(phase, new ArrayList<>());
    }
  }

  /** The scripts that carry out {@code changes}, in the order they run; empty for none. */
  static List<Draft> draft(
      DatabaseKind kind, Schema current, Schema desired, List<Change> changes) {
    ScriptDrafter drafter = new ScriptDrafter(kind, current, desired);
    drafter.write(changes);
    return drafter.drafts();
  }

  private boolean postgres() {
    return sql.kind() == DatabaseKind.POSTGRESQL;
  }

  private void add(Phase phase, Step step) {
    steps.get(phase).add(step);
  }

  private void note(Phase phase, String note) {
    notes.get(phase).add(note);
  }

  private void write(List<Change> changes) {
    if (sql.kind() == DatabaseKind.SQLITE) {
      rebuildSqliteTables(changes);
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
        case ADD_COLUMN -> addColumn(c.table(), (Column) c.after());
        case ALTER_COLUMN -> alterColumn(c.table(), (Column) c.before(), (Column) c.after());
        case PRIMARY_KEY -> primaryKey((Table) c.before(), (Table) c.after());
        case DROP_UNIQUE -> dropUnique(c.table(), (Unique) c.before());
        case DROP_CHECK -> dropCheck(c.table(), (Check) c.before());
        case DROP_FOREIGN_KEY -> dropForeignKey(c.table(), (ForeignKey) c.before());
        case DROP_INDEX -> dropIndex(c.table(), (Index) c.before());
        default -> {}
      }
    }
    for (Change c : changes) {
      if (c.table() == null || rebuilt.contains(c.table())) {
        continue;
      }
      switch (c.kind()) {
        case ADD_UNIQUE -> addUnique(c.table(), (Unique) c.after());
        case ADD_CHECK -> addCheck(c.table(), (Check) c.after());
        case ADD_FOREIGN_KEY -> addForeignKey(c.table(), (ForeignKey) c.after());
        case ADD_INDEX -> addIndex(c.table(), (Index) c.after());
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
          laterKeys.add(() -> addForeignKeyToNewTable(t.name(), k));
        }
      }
    }
    laterKeys.forEach(Runnable::run);
  }

  private void addForeignKeyToNewTable(String table, ForeignKey k) {
    String name = fresh(sql.constraintName(table, k.columns(), "fkey", k.name()), k.name());
    ForeignKey named = new ForeignKey(name, k.columns(), k.table(), k.referenced(), k.onDelete());
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "ADD " + sql.foreignKey(named), null),
            sql.alter(table, dropConstraint(name, "FOREIGN KEY"), null)));
  }

  private void addColumn(String table, Column c) {
    boolean mustFill =
        !c.nullable() && c.defaultValue() == null && !c.identity() && c.generated() == null;
    if (!mustFill) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "ADD COLUMN " + sql.column(c), INSTANT),
              sql.alter(table, "DROP COLUMN " + sql.name(c.name()), INSTANT)));
      return;
    }
    // NOT NULL without a default fails on a table with rows, and the running release does not
    // write the column: it is added nullable, and NOT NULL follows once that release is gone.
    Column nullable = new Column(c.name(), c.type(), true, null, null, false);
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "ADD COLUMN " + sql.column(nullable), INSTANT),
            sql.alter(table, "DROP COLUMN " + sql.name(c.name()), INSTANT)));
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
      add(
          Phase.CONTRACT,
          Step.of(
              sql.alter(
                  table,
                  "ADD CONSTRAINT "
                      + sql.name(check)
                      + " CHECK ("
                      + sql.name(after.name())
                      + " IS NOT NULL) NOT VALID",
                  null),
              sql.alter(table, "DROP CONSTRAINT " + sql.name(check), null)));
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
                  sql.alter(
                      table,
                      "ADD CONSTRAINT "
                          + sql.name(check)
                          + " CHECK ("
                          + sql.name(after.name())
                          + " IS NOT NULL) NOT VALID",
                      null),
                  sql.alter(
                      table, "ALTER COLUMN " + sql.name(after.name()) + " DROP NOT NULL", null))));
      return;
    }
    if (sql.mysql()) {
      add(
          Phase.CONTRACT,
          Step.of(
              sql.alter(table, "MODIFY COLUMN " + sql.column(after), COPY),
              sql.alter(table, "MODIFY COLUMN " + sql.column(before), COPY)));
      return;
    }
    add(
        Phase.CONTRACT,
        Step.of(
            sql.alter(table, "ALTER COLUMN " + sql.name(after.name()) + " SET NOT NULL", null),
            sql.alter(table, "ALTER COLUMN " + sql.name(after.name()) + " DROP NOT NULL", null)));
  }

  private void alterColumn(String table, Column before, Column after) {
    if (sql.mysql()) {
      boolean defaultOnly =
          before.type().equalsIgnoreCase(after.type())
              && before.nullable() == after.nullable()
              && java.util.Objects.equals(before.generated(), after.generated());
      if (defaultOnly) {
        add(
            Phase.EXPAND,
            Step.of(setDefault(table, after, INSTANT), setDefault(table, before, INSTANT)));
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
              sql.alter(table, "MODIFY COLUMN " + sql.column(after), COPY),
              sql.alter(table, "MODIFY COLUMN " + sql.column(before), COPY)));
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

  private void primaryKey(Table before, Table after) {
    String table = after.name();
    String drop =
        sql.mysql() ? "DROP PRIMARY KEY" : "DROP CONSTRAINT " + sql.name(before.primaryKeyName());
    String addAfter = "ADD PRIMARY KEY (" + sql.names(after.primaryKey()) + ")";
    String addBefore = "ADD PRIMARY KEY (" + sql.names(before.primaryKey()) + ")";
    if (before.primaryKey().isEmpty()) {
      add(Phase.EXPAND, Step.of(sql.alter(table, addAfter, COPY), null));
    } else if (after.primaryKey().isEmpty()) {
      add(Phase.EXPAND, Step.of(sql.alter(table, drop, COPY), sql.alter(table, addBefore, COPY)));
    } else {
      add(
          Phase.EXPAND,
          new Step(
              List.of(sql.alter(table, drop, COPY), sql.alter(table, addAfter, COPY)),
              List.of(
                  sql.alter(
                      table,
                      "DROP "
                          + (sql.mysql()
                              ? "PRIMARY KEY"
                              : "CONSTRAINT " + sql.name(table + "_pkey")),
                      COPY),
                  sql.alter(table, addBefore, COPY))));
    }
    note(Phase.EXPAND, "the primary key of " + table + " changes: review the script by hand");
  }

  // ---- constraints and indexes

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

  private void addUnique(String table, Unique u) {
    String name = fresh(sql.constraintName(table, u.columns(), "key", u.name()), u.name());
    if (postgres() && current.tables().containsKey(table)) {
      // The index is built without blocking writes, then becomes the constraint at once.
      add(
          Phase.INDEXES,
          Step.of(
              sql.createIndex(table, new Index(name, u.columns(), true), true),
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
            sql.alter(table, "ADD " + sql.unique(name, u), INPLACE),
            sql.alter(table, dropConstraint(name, "UNIQUE"), INPLACE)));
  }

  private void dropUnique(String table, Unique u) {
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, dropConstraint(u.name(), "UNIQUE"), INPLACE),
            sql.alter(table, "ADD " + sql.unique(u.name(), u), INPLACE)));
  }

  private void addCheck(String table, Check c) {
    String name = fresh(sql.constraintName(table, List.of(), "check", c.name()), c.name());
    String add = "ADD CONSTRAINT " + sql.name(name) + " CHECK " + sql.checkText(c);
    String drop = sql.alter(table, "DROP CONSTRAINT " + sql.name(name), COPY);
    if (postgres()) {
      add(Phase.EXPAND, Step.of(sql.alter(table, add + " NOT VALID", null), drop));
      add(
          Phase.VALIDATE,
          Step.of(sql.alter(table, "VALIDATE CONSTRAINT " + sql.name(name), null), null));
      return;
    }
    add(Phase.EXPAND, Step.of(sql.alter(table, add, COPY), drop));
  }

  /**
   * A name no other constraint of this script uses: the wanted one as it is, a made-up one with a
   * number when {@code orders_check} is taken.
   */
  private String fresh(String name, String wanted) {
    if (name.equals(wanted)) {
      used.add(name);
      return name;
    }
    String candidate = name;
    for (int n = 2; used.contains(candidate); n++) {
      candidate = name + n;
    }
    used.add(candidate);
    return candidate;
  }

  private void dropCheck(String table, Check c) {
    String add = "ADD CONSTRAINT " + sql.name(c.name()) + " CHECK " + sql.checkText(c);
    add(
        Phase.EXPAND,
        Step.of(
            sql.alter(table, "DROP CONSTRAINT " + sql.name(c.name()), COPY),
            sql.alter(table, add + (postgres() ? " NOT VALID" : ""), COPY)));
  }

  private void addForeignKey(String table, ForeignKey k) {
    String name = fresh(sql.constraintName(table, k.columns(), "fkey", k.name()), k.name());
    ForeignKey named = new ForeignKey(name, k.columns(), k.table(), k.referenced(), k.onDelete());
    List<String> undo = new ArrayList<>();
    undo.add(sql.alter(table, dropConstraint(name, "FOREIGN KEY"), INPLACE));
    if (sql.mysql() && serverIndexes(current.tables().get(table), k.columns())) {
      undo.add(sql.alter(table, "DROP INDEX " + sql.name(name), INPLACE));
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
        new Step(List.of(sql.alter(table, "ADD " + sql.foreignKey(named), COPY)), undo));
  }

  private void dropForeignKey(String table, ForeignKey k) {
    List<String> forward = new ArrayList<>();
    forward.add(sql.alter(table, dropConstraint(k.name(), "FOREIGN KEY"), INPLACE));
    if (sql.mysql() && serverIndexes(desired.tables().get(table), k.columns())) {
      forward.add(sql.alter(table, "DROP INDEX " + sql.name(k.name()), INPLACE));
    }
    add(
        Phase.EXPAND,
        new Step(forward, List.of(sql.alter(table, "ADD " + sql.foreignKey(k), COPY))));
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

  private void addIndex(String table, Index i) {
    if (postgres()) {
      add(
          Phase.INDEXES,
          Step.of(sql.createIndex(table, i, true), sql.dropIndex(table, i.name(), true)));
      return;
    }
    if (sql.mysql()) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(
                  table,
                  "ADD "
                      + (i.unique() ? "UNIQUE " : "")
                      + "INDEX "
                      + sql.name(i.name())
                      + " ("
                      + sql.names(i.columns())
                      + ")",
                  INPLACE),
              sql.alter(table, "DROP INDEX " + sql.name(i.name()), INPLACE)));
      return;
    }
    add(
        Phase.EXPAND,
        Step.of(sql.createIndex(table, i, false), sql.dropIndex(table, i.name(), false)));
  }

  private void dropIndex(String table, Index i) {
    if (postgres()) {
      add(
          Phase.INDEXES,
          Step.of(sql.dropIndex(table, i.name(), true), sql.createIndex(table, i, true)));
      return;
    }
    if (sql.mysql()) {
      add(
          Phase.EXPAND,
          Step.of(
              sql.alter(table, "DROP INDEX " + sql.name(i.name()), INPLACE),
              sql.alter(
                  table,
                  "ADD "
                      + (i.unique() ? "UNIQUE " : "")
                      + "INDEX "
                      + sql.name(i.name())
                      + " ("
                      + sql.names(i.columns())
                      + ")",
                  INPLACE)));
      return;
    }
    add(
        Phase.EXPAND,
        Step.of(sql.dropIndex(table, i.name(), false), sql.createIndex(table, i, false)));
  }

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
              sql.alter(c.table(), "DROP COLUMN " + sql.name(col.name()), INSTANT),
              sql.alter(c.table(), "ADD COLUMN " + sql.column(col), INSTANT)));
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

  /**
   * SQLite alters little beyond adding and dropping columns: a table whose constraints or column
   * types change is built anew under a temporary name, its rows copied, and renamed.
   */
  private void rebuildSqliteTables(List<Change> changes) {
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

  // ---- the scripts

  private List<Draft> drafts() {
    List<Draft> drafts = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      List<Step> phaseSteps = steps.get(phase);
      if (phaseSteps.isEmpty()) {
        continue;
      }
      StringBuilder migration = new StringBuilder();
      migration.append(header(phase));
      notes.get(phase).forEach(n -> migration.append("-- Note: ").append(n).append('\n'));
      migration.append('\n');
      phaseSteps.forEach(s -> s.forward().forEach(f -> migration.append(f).append(";\n\n")));
      StringBuilder undo =
          new StringBuilder("-- Undoes the script of the same version, newest change first.\n\n");
      List<Step> reversed = new ArrayList<>(phaseSteps);
      java.util.Collections.reverse(reversed);
      // A step's own undo statements run in the order written, each step's after the later ones'.
      reversed.forEach(s -> s.undo().forEach(f -> undo.append(f).append(";\n\n")));
      if (reversed.stream().allMatch(s -> s.undo().isEmpty())) {
        undo.append("-- Nothing to undo: validating a constraint changes no schema.\n");
      }
      drafts.add(
          new Draft(
              phase,
              migration.toString().stripTrailing() + "\n",
              undo.toString().stripTrailing() + "\n",
              List.copyOf(notes.get(phase))));
    }
    return drafts;
  }

  private String header(Phase phase) {
    return switch (phase) {
      case EXPAND -> "-- Written by create --autogenerate: review it before it runs.\n";
      case INDEXES ->
          "-- Indexes built without blocking writes (CONCURRENTLY): this script runs outside a"
              + " transaction.\n";
      case VALIDATE ->
          "-- Finishes what the scripts before began: constraints added NOT VALID are validated"
              + " under a lock that lets writes go on,\n-- and unique indexes built CONCURRENTLY"
              + " become constraints.\n";
      case CONTRACT ->
          "-- schemagate:contract removes or restricts what the previous release may still use\n"
              + "-- Runs once no pod of the previous release is left.\n";
      case ENFORCE -> "-- NOT NULL through the validated check the contract script added.\n";
    };
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
