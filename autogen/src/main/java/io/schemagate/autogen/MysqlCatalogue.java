package io.schemagate.autogen;

import static io.schemagate.autogen.CatalogueReader.grouped;
import static io.schemagate.autogen.CatalogueReader.indexes;
import static io.schemagate.autogen.CatalogueReader.rows;

import io.schemagate.autogen.Schema.Check;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.ForeignKey;
import io.schemagate.autogen.Schema.Index;
import io.schemagate.autogen.Schema.Sequence;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import io.schemagate.autogen.Schema.View;
import io.schemagate.db.DatabaseKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/** MySQL's and MariaDB's {@code information_schema}; the schema is the database. */
final class MysqlCatalogue implements CatalogueReader {
  private static final String TABLES =
      "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
          + " ORDER BY TABLE_NAME";
  private static final String COLUMNS =
      "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION"
          + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
          + " ORDER BY ORDINAL_POSITION";
  private static final String CONSTRAINTS =
      "SELECT c.CONSTRAINT_NAME, c.CONSTRAINT_TYPE, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
          + " k.REFERENCED_COLUMN_NAME, r.DELETE_RULE"
          + " FROM information_schema.TABLE_CONSTRAINTS c"
          + " LEFT JOIN information_schema.KEY_COLUMN_USAGE k"
          + "   ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME"
          + "  AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
          + " LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
          + "   ON r.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND r.TABLE_NAME = c.TABLE_NAME"
          + "  AND r.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
          + " WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?"
          + " ORDER BY c.CONSTRAINT_TYPE, c.CONSTRAINT_NAME, k.ORDINAL_POSITION";
  private static final String CHECKS =
      "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
          + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? ORDER BY CONSTRAINT_NAME";
  private static final String INDEXES =
      "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX";
  private static final String VIEWS =
      "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?"
          + " ORDER BY TABLE_NAME";

  private final DatabaseKind kind;

  MysqlCatalogue(DatabaseKind kind) {
    this.kind = kind;
  }

  @Override
  public Schema read(Connection connection, String schema, Set<String> skip) throws SQLException {
    TreeMap<String, Table> tables = new TreeMap<>();
    TreeMap<String, Sequence> sequences = new TreeMap<>();
    record Named(String name, String type) {}
    for (Named t :
        rows(connection, TABLES, r -> new Named(r.getString(1), r.getString(2)), schema)) {
      if (skip.contains(t.name())) {
        continue;
      }
      switch (t.type()) {
        case "BASE TABLE" -> tables.put(t.name(), table(connection, schema, t.name()));
        case "SEQUENCE" -> sequences.put(t.name(), sequence(connection, schema, t.name()));
        default -> {}
      }
    }
    TreeMap<String, View> views = new TreeMap<>();
    // The catalogue qualifies every name with the database's own, which differs between the two
    // databases compared: it is taken out.
    String qualifier = "`" + schema + "`.";
    rows(
            connection,
            VIEWS,
            r -> new View(r.getString(1), r.getString(2).replace(qualifier, "").strip()),
            schema)
        .forEach(v -> views.put(v.name(), v));
    return new Schema(tables, views, sequences, new TreeMap<>());
  }

  private static Sequence sequence(Connection connection, String schema, String name)
      throws SQLException {
    String sql =
        "SELECT start_value, increment FROM `"
            + schema.replace("`", "``")
            + "`.`"
            + name.replace("`", "``")
            + "`";
    return rows(connection, sql, r -> new Sequence(name, r.getLong(1), r.getLong(2))).get(0);
  }

  private Table table(Connection connection, String schema, String name) throws SQLException {
    List<Column> columns =
        rows(
            connection,
            COLUMNS,
            r -> {
              String extra = r.getString(5) == null ? "" : r.getString(5).toUpperCase(Locale.ROOT);
              boolean generated =
                  extra.contains("GENERATED")
                      && r.getString(6) != null
                      && !r.getString(6).isEmpty();
              return new Column(
                  r.getString(1),
                  r.getString(2),
                  "YES".equals(r.getString(3)),
                  generated ? null : defaultValue(r.getString(4), extra),
                  generated
                      ? "("
                          + r.getString(6)
                          + ") "
                          + (extra.contains("STORED") ? "STORED" : "VIRTUAL")
                      : null,
                  extra.contains("AUTO_INCREMENT"));
            },
            schema,
            name);
    record Part(
        String name,
        String type,
        String column,
        String refTable,
        String refColumn,
        String deleteRule) {}
    List<Part> parts =
        rows(
            connection,
            CONSTRAINTS,
            r ->
                new Part(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6)),
            schema,
            name);
    List<String> primaryKey = new ArrayList<>();
    List<Unique> uniques = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    Set<String> constraintIndexes = new HashSet<>();
    for (List<Part> of : grouped(parts, p -> p.type() + "/" + p.name()).values()) {
      Part first = of.get(0);
      List<String> cols = of.stream().map(Part::column).toList();
      switch (first.type()) {
        case "PRIMARY KEY" -> {
          primaryKey.addAll(cols);
          constraintIndexes.add("PRIMARY");
        }
        case "UNIQUE" -> {
          uniques.add(new Unique(first.name(), cols));
          constraintIndexes.add(first.name());
        }
        case "FOREIGN KEY" -> {
          foreignKeys.add(
              new ForeignKey(
                  first.name(),
                  cols,
                  first.refTable(),
                  of.stream().map(Part::refColumn).toList(),
                  first.deleteRule()));
          // The index the server made for the key carries the key's name.
          constraintIndexes.add(first.name());
        }
        default -> {}
      }
    }
    List<Check> checks =
        rows(connection, CHECKS, r -> new Check(r.getString(1), r.getString(2)), schema, name);
    List<Index> indexes =
        indexes(
            rows(
                connection,
                INDEXES,
                r -> new IndexColumn(r.getString(1), r.getInt(2) == 0, r.getString(3)),
                schema,
                name),
            constraintIndexes);
    return new Table(
        name,
        columns,
        primaryKey,
        primaryKey.isEmpty() ? null : "PRIMARY",
        uniques,
        checks,
        foreignKeys,
        indexes,
        null);
  }

  /**
   * The default as SQL. MariaDB's catalogue writes it as an expression already ({@code 'open'},
   * {@code NULL} for none); MySQL's writes a literal's bare text and marks expressions.
   */
  private String defaultValue(String value, String extra) {
    if (value == null) {
      return null;
    }
    if (kind == DatabaseKind.MARIADB) {
      return value.equals("NULL") ? null : value;
    }
    if (extra.contains("DEFAULT_GENERATED") || value.matches("-?\\d+(\\.\\d+)?")) {
      return extra.contains("DEFAULT_GENERATED") ? "(" + value + ")" : value;
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
