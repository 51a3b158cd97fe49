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
