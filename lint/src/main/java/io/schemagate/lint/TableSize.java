package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A table's size and row estimate from the catalogue (no scan): PostgreSQL's {@code
 * pg_total_relation_size} and {@code reltuples}, MySQL's and MariaDB's {@code
 * information_schema.TABLES}.
 *
 * @param bytes table, indexes and TOAST together
 * @param rows the planner's estimate, or {@code null} where the table was never analysed
 */
public record TableSize(long bytes, Long rows) {
  /** "41 GB, ~300 M rows" */
  public String describe() {
    return human(bytes)
        + ", "
        + (rows == null ? "rows not estimated yet" : "~" + count(rows) + " rows");
  }

  /**
   * The size of {@code table} (as written in the script, perhaps schema-qualified) in {@code
   * schema}, or empty where the kind has no catalogue figures or the table does not exist.
   */
  static Optional<TableSize> read(
      Connection connection, DatabaseKind kind, String schema, String table) throws SQLException {
    String plain = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
    String owner = table.contains(".") ? table.substring(0, table.lastIndexOf('.')) : schema;
    String query =
        switch (kind) {
          case POSTGRESQL ->
              "SELECT pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c JOIN"
                  + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname"
                  + " = ? AND c.relkind IN ('r', 'p')";
          case MYSQL, MARIADB ->
              "SELECT COALESCE(data_length, 0) + COALESCE(index_length, 0), table_rows FROM"
                  + " information_schema.tables WHERE table_schema = ? AND table_name = ?";
          default -> null;
        };
    if (query == null) {
      return Optional.empty();
    }
    try (PreparedStatement select = connection.prepareStatement(query)) {
      select.setString(1, catalogName(owner, kind));
      select.setString(2, catalogName(plain, kind));
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long bytes = rows.getLong(1);
        long estimate = rows.getLong(2);
        boolean known = !rows.wasNull() && estimate >= 0;
        return Optional.of(new TableSize(bytes, known ? estimate : null));
      }
    }
  }

  /**
   * An identifier as the catalogue stores it: a quoted one as written, an unquoted one folded to
   * lower case on PostgreSQL, as PostgreSQL folds it.
   */
  private static String catalogName(String identifier, DatabaseKind kind) {
    boolean quoted =
        identifier.length() >= 2 && (identifier.charAt(0) == '"' || identifier.charAt(0) == '`');
    if (quoted) {
      return identifier.substring(1, identifier.length() - 1);
    }
    return kind == DatabaseKind.POSTGRESQL
        ? identifier.toLowerCase(java.util.Locale.ROOT)
        : identifier;
  }

  private static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit == 0 ? Long.toString(bytes) : String.format(java.util.Locale.ROOT, "%.0f", value))
        + " "
        + units[unit];
  }

  private static String count(long rows) {
    if (rows >= 1_000_000_000L) {
      return rows / 1_000_000_000L + " G";
    }
    if (rows >= 1_000_000L) {
      return rows / 1_000_000L + " M";
    }
    if (rows >= 10_000L) {
      return rows / 1_000L + " k";
    }
    return Long.toString(rows);
  }
}
