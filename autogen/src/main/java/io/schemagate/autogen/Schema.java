package io.schemagate.autogen;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a database's catalogue says about one schema: its tables, views, sequences and enum types,
 * keyed by name. Constraints are compared by what they do (columns, targets, expressions), not by
 * name, since the names a database makes up differ from one database to the next.
 *
 * @param tables the tables by name
 * @param views the views by name
 * @param sequences the sequences not owned by a column, by name
 * @param enums the enum types (PostgreSQL), by name
 */
public record Schema(
    SortedMap<String, Table> tables,
    SortedMap<String, View> views,
    SortedMap<String, Sequence> sequences,
    SortedMap<String, EnumType> enums) {

  /** Whether nothing is in the schema. */
  public boolean isEmpty() {
    return tables.isEmpty() && views.isEmpty() && sequences.isEmpty() && enums.isEmpty();
  }

  /**
   * A table.
   *
   * @param name its name, as the catalogue spells it
   * @param columns its columns, in their order
   * @param primaryKey the primary key's columns, empty without one
   * @param primaryKeyName the primary key constraint's name, or {@code null}
   * @param uniques the unique constraints
   * @param checks the check constraints
   * @param foreignKeys the foreign keys
   * @param indexes the indexes that back no constraint
   * @param definition the table's CREATE statement where the catalogue keeps it (SQLite), else
   *     {@code null}
   */
  public record Table(
      String name,
      List<Column> columns,
      List<String> primaryKey,
      String primaryKeyName,
      List<Unique> uniques,
      List<Check> checks,
      List<ForeignKey> foreignKeys,
      List<Index> indexes,
      String definition) {

    /** The column named {@code name}, or {@code null}. */
    public Column column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The columns by name. */
    public Map<String, Column> columnsByName() {
      java.util.LinkedHashMap<String, Column> byName = new java.util.LinkedHashMap<>();
      columns.forEach(c -> byName.put(c.name(), c));
      return byName;
    }
  }

  /**
   * A column.
   *
   * @param name its name
   * @param type its type, as the database writes it in DDL ({@code character varying(100)})
   * @param nullable whether it takes NULL
   * @param defaultValue its default expression, or {@code null}
   * @param generated the expression of a generated column, or {@code null}
   * @param identity whether the database numbers it (identity, serial, AUTO_INCREMENT)
   */
  public record Column(
      String name,
      String type,
      boolean nullable,
      String defaultValue,
      String generated,
      boolean identity) {}

  /**
   * A unique constraint.
   *
   * @param name its name, or {@code null} where the database keeps none
   * @param columns its columns
   */
  public record Unique(String name, List<String> columns) {}

  /**
   * A check constraint.
   *
   * @param name its name, or {@code null}
   * @param expression its condition, as the catalogue writes it
   */
  public record Check(String name, String expression) {}

  /**
   * A foreign key.
   *
   * @param name its name, or {@code null}
   * @param columns the referencing columns
   * @param table the referenced table
   * @param referenced the referenced columns
   * @param onDelete the delete rule in SQL words ({@code CASCADE}), or {@code NO ACTION}
   */
  public record ForeignKey(
      String name, List<String> columns, String table, List<String> referenced, String onDelete) {}

  /**
   * An index that backs no constraint.
   *
   * @param name its name
   * @param columns its columns or expressions, in order
   * @param unique whether it is unique
   * @param using PostgreSQL's rest of the definition after the table ({@code USING gin (tags) WHERE
   *     ...}: method, operator classes, {@code INCLUDE}, predicate), or {@code null}
   */
  public record Index(String name, List<String> columns, boolean unique, String using) {}

  /**
   * A view.
   *
   * @param name its name
   * @param definition its query, as the catalogue writes it
   */
  public record View(String name, String definition) {}

  /**
   * A sequence.
   *
   * @param name its name
   * @param start its first value
   * @param increment its step
   */
  public record Sequence(String name, long start, long increment) {}

  /**
   * An enum type.
   *
   * @param name its name
   * @param values its labels, in order
   */
  public record EnumType(String name, List<String> values) {}
}
