package io.schemagate.autogen;

import io.schemagate.db.DatabaseKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one schema from a database's own catalogue into a {@link Schema}.
 *
 * <p>Written here rather than taken from a library: Liquibase's open-source diff (4.33) reads
 * neither check constraints nor PostgreSQL enum types and brings a second migration tool's model,
 * Hibernate's schema tooling compares entities with a database but never two databases and writes
 * no drops, and JDBC's {@code DatabaseMetaData} has no checks, view texts, generated columns or
 * enums. Each database's catalogue answers all of it in a few queries.
 */
interface CatalogueReader {

  /**
   * The schema {@code schema} (the database itself on MySQL/MariaDB, {@code main} on SQLite),
   * leaving out the tables named in {@code skip} (the history table).
   */
  Schema read(Connection connection, String schema, Set<String> skip) throws SQLException;

  /** The reader for {@code kind}. */
  static CatalogueReader of(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> new PostgresCatalogue();
      case MYSQL, MARIADB -> new MysqlCatalogue(kind);
      case H2 -> new H2Catalogue();
      case SQLITE -> new SqliteCatalogue();
    };
  }

  /** One row of a catalogue query, read by name or position. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** The rows of {@code sql} with {@code parameters}, each read by {@code reader}. */
  static <T> List<T> rows(
      Connection connection, String sql, RowReader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(reader.read(result));
        }
      }
      return rows;
    }
  }

  /**
   * One column of an index, as a catalogue lists them: in index order, then column order.
   *
   * @param index the index's name
   * @param unique whether the index is unique
   * @param column the column
   */
  record IndexColumn(String index, boolean unique, String column) {}

  /** The indexes of {@code columns}, leaving out those that back a constraint ({@code backing}). */
  static List<Schema.Index> indexes(List<IndexColumn> columns, Set<String> backing) {
    List<Schema.Index> indexes = new ArrayList<>();
    grouped(columns, IndexColumn::index)
        .forEach(
            (index, of) -> {
              if (!backing.contains(index)) {
                indexes.add(
                    new Schema.Index(
                        index,
                        of.stream().map(IndexColumn::column).toList(),
                        of.get(0).unique(),
                        null));
              }
            });
    return indexes;
  }

  /** The rows grouped by {@code key}, groups and rows in the order met. */
  static <T, K> java.util.Map<K, List<T>> grouped(
      List<T> rows, java.util.function.Function<T, K> key) {
    java.util.Map<K, List<T>> groups = new java.util.LinkedHashMap<>();
    rows.forEach(row -> groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
    return groups;
  }

  /** The values keyed by their names, in name order. */
  static <T> java.util.TreeMap<String, T> byName(
      List<T> values, java.util.function.Function<T, String> name) {
    java.util.TreeMap<String, T> map = new java.util.TreeMap<>();
    values.forEach(v -> map.put(name.apply(v), v));
    return map;
  }

  /** The views a query of (name, query) rows for {@code schema} returns. */
  static java.util.TreeMap<String, Schema.View> views(
      Connection connection, String sql, String schema) throws SQLException {
    return byName(
        rows(connection, sql, r -> new Schema.View(r.getString(1), r.getString(2).strip()), schema),
        Schema.View::name);
  }

  /** The sequences a query of (name, start, increment) rows for {@code schema} returns. */
  static java.util.TreeMap<String, Schema.Sequence> sequences(
      Connection connection, String sql, String schema) throws SQLException {
    return byName(
        rows(
            connection,
            sql,
            r -> new Schema.Sequence(r.getString(1), r.getLong(2), r.getLong(3)),
            schema),
        Schema.Sequence::name);
  }

  /** A JDBC array of text as a list. */
  static List<String> texts(java.sql.Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<String> texts = new ArrayList<>();
    for (Object value : values) {
      texts.add(String.valueOf(value));
    }
    return texts;
  }
}
