package io.schemagate.autogen;

import io.schemagate.autogen.Change.Kind;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The differences between two schemas read from the same kind of database, in the order a script
 * would meet them. Renames are not guessed: a renamed column is a drop and an add.
 */
public final class SchemaDiff {
  private SchemaDiff() {}

  /** What turns {@code current} into {@code desired}; empty when they match. */
  public static List<Change> between(Schema current, Schema desired) {
    List<Change> changes = new ArrayList<>();
    both(current.enums(), desired.enums(), Kind.ADD_ENUM, Kind.DROP_ENUM, changes, null);
    current
        .enums()
        .forEach(
            (name, before) -> {
              Schema.EnumType after = desired.enums().get(name);
              if (after != null && !after.values().equals(before.values())) {
                changes.add(new Change(Kind.ALTER_ENUM, null, before, after));
              }
            });
    both(
        current.sequences(),
        desired.sequences(),
        Kind.ADD_SEQUENCE,
        Kind.DROP_SEQUENCE,
        changes,
        null);
    current
        .sequences()
        .forEach(
            (name, before) -> {
              Schema.Sequence after = desired.sequences().get(name);
              if (after != null && after.increment() != before.increment()) {
                changes.add(new Change(Kind.ALTER_SEQUENCE, null, before, after));
              }
            });
    both(current.tables(), desired.tables(), Kind.ADD_TABLE, Kind.DROP_TABLE, changes, null);
    for (Map.Entry<String, Table> entry : current.tables().entrySet()) {
      Table after = desired.tables().get(entry.getKey());
      if (after != null) {
        table(entry.getValue(), after, changes);
      }
    }
    both(current.views(), desired.views(), Kind.ADD_VIEW, Kind.DROP_VIEW, changes, null);
    current
        .views()
        .forEach(
            (name, before) -> {
              Schema.View after = desired.views().get(name);
              if (after != null
                  && !expressionKey(after.definition())
                      .equals(expressionKey(before.definition()))) {
                changes.add(new Change(Kind.REPLACE_VIEW, null, before, after));
              }
            });
    return changes;
  }

  private static void table(Table before, Table after, List<Change> changes) {
    String table = before.name();
    Map<String, Column> was = before.columnsByName();
    Map<String, Column> is = after.columnsByName();
    both(was, is, Kind.ADD_COLUMN, Kind.DROP_COLUMN, changes, table);
    was.forEach(
        (name, column) -> {
          Column wanted = is.get(name);
          if (wanted != null && !sameColumn(column, wanted)) {
            changes.add(new Change(Kind.ALTER_COLUMN, table, column, wanted));
          }
        });
    if (!before.primaryKey().equals(after.primaryKey())) {
      changes.add(new Change(Kind.PRIMARY_KEY, table, before, after));
    }
    byShape(
        before.uniques(),
        after.uniques(),
        Unique::columns,
        Kind.ADD_UNIQUE,
        Kind.DROP_UNIQUE,
        table,
        changes);
    byShape(
        before.checks(),
        after.checks(),
        c -> expressionKey(c.expression()),
        Kind.ADD_CHECK,
        Kind.DROP_CHECK,
        table,
        changes);
    byShape(
        before.foreignKeys(),
        after.foreignKeys(),
        k -> List.of(k.columns(), k.table(), k.referenced(), k.onDelete()),
        Kind.ADD_FOREIGN_KEY,
        Kind.DROP_FOREIGN_KEY,
        table,
        changes);
    byShape(
        before.indexes(),
        after.indexes(),
        i -> List.of(i.columns(), i.unique(), String.valueOf(i.using())),
        Kind.ADD_INDEX,
        Kind.DROP_INDEX,
        table,
        changes);
  }

  private static boolean sameColumn(Column a, Column b) {
    return a.type().equalsIgnoreCase(b.type())
        && a.nullable() == b.nullable()
        && Objects.equals(a.defaultValue(), b.defaultValue())
        && Objects.equals(a.generated(), b.generated())
        && a.identity() == b.identity();
  }

  /** Additions then removals of what is keyed by name. */
  private static <T> void both(
      Map<String, T> was,
      Map<String, T> is,
      Kind add,
      Kind drop,
      List<Change> changes,
      String table) {
    is.forEach(
        (name, value) -> {
          if (!was.containsKey(name)) {
            changes.add(new Change(add, table, null, value));
          }
        });
    was.forEach(
        (name, value) -> {
          if (!is.containsKey(name)) {
            changes.add(new Change(drop, table, value, null));
          }
        });
  }

  /** Additions then removals of what is compared by what it does ({@code shape}), not its name. */
  private static <T> void byShape(
      List<T> was,
      List<T> is,
      Function<T, Object> shape,
      Kind add,
      Kind drop,
      String table,
      List<Change> changes) {
    List<Object> wasShapes = was.stream().map(shape).toList();
    List<Object> isShapes = is.stream().map(shape).toList();
    for (T value : is) {
      if (!wasShapes.contains(shape.apply(value))) {
        changes.add(new Change(add, table, null, value));
      }
    }
    for (T value : was) {
      if (!isShapes.contains(shape.apply(value))) {
        changes.add(new Change(drop, table, value, null));
      }
    }
  }

  /** Text compared without its layout: runs of white space as one, no trailing semicolon. */
  static String normal(String text) {
    String collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.endsWith(";")
        ? collapsed.substring(0, collapsed.length() - 1).strip()
        : collapsed;
  }

  private static final java.util.regex.Pattern CAST =
      java.util.regex.Pattern.compile(
          "::(?:\"[^\"]+\"|[a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*)*)(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[])*");

  /**
   * An expression (a check's condition, a view's query) as compared: without PostgreSQL's casts,
   * parentheses and layout. PostgreSQL does not write back what it read: {@code status IN ('A')}
   * reads back as {@code (status)::text = ANY ((ARRAY['A'::character varying])::text[])}, and that,
   * applied again, as {@code ... ANY (ARRAY[('A'::character varying)::text])}. Both mean the same;
   * the key makes them equal.
   */
  static String expressionKey(String text) {
    return normal(CAST.matcher(text).replaceAll(""))
        .replaceAll("[()]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
