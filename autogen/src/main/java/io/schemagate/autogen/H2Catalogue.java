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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** H2 2's {@code INFORMATION_SCHEMA}. */
final class H2Catalogue implements CatalogueReader {
  private static final String TABLES =
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?"
          + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";
  private static final String COLUMNS =
      "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
          + " IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, IS_GENERATED, GENERATION_EXPRESSION,"
          + " DTD_IDENTIFIER, DECLARED_DATA_TYPE, DECLARED_NUMERIC_PRECISION,"
          + " DECLARED_NUMERIC_SCALE"
          + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
          + " ORDER BY ORDINAL_POSITION";
  private static final String ENUM_VALUES =
      "SELECT VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES WHERE OBJECT_SCHEMA = ?"
          + " AND OBJECT_NAME = ? AND OBJECT_TYPE = 'TABLE' AND ENUM_IDENTIFIER = ?"
          + " ORDER BY VALUE_ORDINAL";
  private static final String CONSTRAINTS =
      "SELECT c.CONSTRAINT_NAME, c.CONSTRAINT_TYPE, c.INDEX_NAME, k.COLUMN_NAME,"
          + " ch.CHECK_CLAUSE, r.UNIQUE_CONSTRAINT_NAME, r.DELETE_RULE, uk.TABLE_NAME,"
          + " uk.COLUMN_NAME"
          + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c"
          + " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
          + "   ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA"
          + "  AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
          + " LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS ch"
          + "   ON ch.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA"
          + "  AND ch.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
          + " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
          + "   ON r.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA"
          + "  AND r.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
          + " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE uk"
          + "   ON uk.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA"
          + "  AND uk.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME"
          + "  AND uk.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT"
          + " WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?"
          + " ORDER BY c.CONSTRAINT_NAME, k.ORDINAL_POSITION";
  private static final String INDEXES =
      "SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME"
          + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
          + "   ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
          + " WHERE i.TABLE_SCHEMA = ? AND i.TABLE_NAME = ?"
          + " ORDER BY i.INDEX_NAME, c.ORDINAL_POSITION";
  private static final String VIEWS =
      "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = ?"
          + " ORDER BY TABLE_NAME";
  private static final String SEQUENCES =
      "SELECT SEQUENCE_NAME, START_VALUE, INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES"
          + " WHERE SEQUENCE_SCHEMA = ? ORDER BY SEQUENCE_NAME";

  @Override
  public Schema read(Connection connection, String schema, Set<String> skip) throws SQLException {
    TreeMap<String, Table> tables = new TreeMap<>();
    for (String name : rows(connection, TABLES, r -> r.getString(1), schema)) {
      if (!skip.contains(name)) {
        tables.put(name, table(connection, schema, name));
      }
    }
    TreeMap<String, View> views = CatalogueReader.views(connection, VIEWS, schema);
    TreeMap<String, Sequence> sequences = CatalogueReader.sequences(connection, SEQUENCES, schema);
    return new Schema(tables, views, sequences, new TreeMap<>());
  }

  private static Table table(Connection connection, String schema, String name)
      throws SQLException {
    record Raw(Column column, String enumId) {}
    List<Raw> raw =
        rows(connection, COLUMNS, r -> new Raw(column(r), r.getString(11)), schema, name);
    List<Column> columns = new ArrayList<>();
    for (Raw r : raw) {
      Column c = r.column();
      if (c.type().equals("ENUM")) {
        String values =
            rows(connection, ENUM_VALUES, v -> v.getString(1), schema, name, r.enumId()).stream()
                .map(v -> "'" + v.replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        c =
            new Column(
                c.name(),
                "ENUM(" + values + ")",
                c.nullable(),
                c.defaultValue(),
                c.generated(),
                c.identity());
      }
      columns.add(c);
    }
    record Part(
        String name,
        String type,
        String index,
        String column,
        String check,
        String deleteRule,
        String refTable,
        String refColumn) {}
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
                    r.getString(7),
                    r.getString(8),
                    r.getString(9)),
            schema,
            name);
    List<String> primaryKey = new ArrayList<>();
    String primaryKeyName = null;
    List<Unique> uniques = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    Set<String> constraintIndexes = new HashSet<>();
    for (Map.Entry<String, List<Part>> group : grouped(parts, Part::name).entrySet()) {
      String constraint = group.getKey();
      List<Part> of = group.getValue();
      Part first = of.get(0);
      if (first.index() != null) {
        constraintIndexes.add(first.index());
      }
      List<String> cols = of.stream().map(Part::column).filter(c -> c != null).toList();
      switch (first.type()) {
        case "PRIMARY KEY" -> {
          primaryKey.addAll(cols);
          primaryKeyName = constraint;
        }
        case "UNIQUE" -> uniques.add(new Unique(constraint, cols));
        case "CHECK" -> checks.add(new Check(constraint, first.check()));
        case "FOREIGN KEY" ->
            foreignKeys.add(
                new ForeignKey(
                    constraint,
                    cols,
                    first.refTable(),
                    of.stream().map(Part::refColumn).toList(),
                    first.deleteRule()));
        default -> {}
      }
    }
    List<Index> indexes =
        indexes(
            rows(
                connection,
                INDEXES,
                r ->
                    new IndexColumn(
                        r.getString(1), r.getString(2).startsWith("UNIQUE"), r.getString(3)),
                schema,
                name),
            constraintIndexes);
    return new Table(
        name, columns, primaryKey, primaryKeyName, uniques, checks, foreignKeys, indexes, null);
  }

  private static Column column(ResultSet r) throws SQLException {
    String type = r.getString(2);
    long length = r.getLong(3);
    boolean hasLength = !r.wasNull();
    String declared = r.getString(12);
    String written =
        switch (type) {
          case "CHARACTER VARYING", "CHARACTER", "BINARY VARYING", "BINARY", "VARCHAR_IGNORECASE" ->
              hasLength ? type + "(" + length + ")" : type;
          case "NUMERIC", "DECIMAL", "DECFLOAT" ->
              type + "(" + r.getLong(13) + ", " + r.getLong(14) + ")";
          default -> declared != null && declared.equals(type) ? type : type;
        };
    boolean generated = "ALWAYS".equals(r.getString(9));
    boolean identity = "YES".equals(r.getString(8));
    return new Column(
        r.getString(1),
        written,
        "YES".equals(r.getString(6)),
        generated || identity ? null : r.getString(7),
        generated ? "(" + r.getString(10) + ")" : null,
        identity);
  }
}
