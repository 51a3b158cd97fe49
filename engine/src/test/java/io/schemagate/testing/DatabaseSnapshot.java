package io.schemagate.testing;

import io.schemagate.db.DatabaseKind;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What two tools must agree on after migrating a database: every history column that depends on
 * neither time nor user, and the schema as the database's catalogue shows it (tables and views,
 * columns, indexes, routines, triggers) with every row of every table and view.
 *
 * @param history one line per history row, in installed order
 * @param schema one line per catalogue fact, sorted, the history table left out
 * @param data table name to its rows, each row one line, sorted
 */
public record DatabaseSnapshot(
    List<String> history, List<String> schema, TreeMap<String, List<String>> data) {

  /** Reads the snapshot of {@code database}, whose history is {@code table}. */
  public static DatabaseSnapshot of(TestDatabase database, String table) throws SQLException {
    try (Connection connection = database.connect()) {
      List<String> history = rows(connection, historyQuery(database.kind(), table));
      List<String> schema = new ArrayList<>();
      TreeMap<String, List<String>> data = new TreeMap<>();
      DatabaseMetaData meta = connection.getMetaData();
      String catalog = database.kind() == DatabaseKind.POSTGRESQL ? null : connection.getCatalog();
      String schemaName = schemaOf(database.kind());
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          meta.getTables(catalog, schemaName, "%", new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (!name.equalsIgnoreCase(table)
              && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
            tables.add(name);
            schema.add("relation " + lower(name) + " " + rs.getString("TABLE_TYPE"));
          }
        }
      }
      for (String name : tables) {
        try (ResultSet rs = meta.getColumns(catalog, schemaName, name, "%")) {
          while (rs.next()) {
            schema.add(
                "column "
                    + lower(name)
                    + "."
                    + lower(rs.getString("COLUMN_NAME"))
                    + " "
                    + rs.getString("TYPE_NAME")
                    + "("
                    + rs.getInt("COLUMN_SIZE")
                    + ") nullable="
                    + rs.getString("IS_NULLABLE")
                    + " default="
                    + rs.getString("COLUMN_DEF"));
          }
        }
        try (ResultSet rs = meta.getIndexInfo(catalog, schemaName, name, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              schema.add(
                  "index "
                      + lower(name)
                      + " "
                      + generatedName(lower(rs.getString("INDEX_NAME")))
                      + " on "
                      + lower(rs.getString("COLUMN_NAME"))
                      + " unique="
                      + !rs.getBoolean("NON_UNIQUE"));
            }
          }
        }
        data.put(lower(name), rows(connection, "SELECT * FROM " + name));
      }
      if (database.kind() != DatabaseKind.SQLITE) {
        try (ResultSet rs = meta.getProcedures(catalog, schemaName, "%")) {
          while (rs.next()) {
            schema.add("routine " + lower(rs.getString("PROCEDURE_NAME")));
          }
        }
      }
      schema.addAll(rows(connection, triggerQuery(database.kind())));
      schema.sort(null);
      return new DatabaseSnapshot(history, schema, data);
    }
  }

  private static String historyQuery(DatabaseKind kind, String table) {
    String quoted = kind == DatabaseKind.H2 ? "\"" + table + "\"" : table;
    String columns =
        kind == DatabaseKind.H2
            ? "\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                + " \"checksum\", \"success\""
            : "installed_rank, version, description, type, script, checksum, success";
    return "SELECT "
        + columns
        + " FROM "
        + quoted
        + " ORDER BY "
        + (kind == DatabaseKind.H2 ? "\"installed_rank\"" : "installed_rank");
  }

  private static String schemaOf(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> "public";
      case H2 -> "PUBLIC";
      default -> null;
    };
  }

  private static String triggerQuery(DatabaseKind kind) {
    return switch (kind) {
      case SQLITE ->
          "SELECT 'trigger ' || name || ' on ' || tbl_name FROM sqlite_master WHERE type ="
              + " 'trigger'";
      case POSTGRESQL ->
          "SELECT DISTINCT 'trigger ' || trigger_name || ' on ' || event_object_table FROM"
              + " information_schema.triggers WHERE trigger_schema = 'public'";
      case H2 ->
          "SELECT 'trigger ' || LOWER(TRIGGER_NAME) || ' on ' || LOWER(EVENT_OBJECT_TABLE) FROM"
              + " INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = 'PUBLIC'";
      default ->
          "SELECT DISTINCT CONCAT('trigger ', trigger_name, ' on ', event_object_table) FROM"
              + " information_schema.triggers WHERE trigger_schema = DATABASE()";
    };
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" | ", cells));
      }
    }
    if (!sql.contains("ORDER BY")) {
      rows.sort(null);
    }
    return rows;
  }

  private static String lower(String name) {
    return name == null ? null : name.toLowerCase(Locale.ROOT);
  }

  /**
   * H2 names an index it makes for a constraint after a counter of the whole database ({@code
   * PRIMARY_KEY_F}, {@code CONSTRAINT_4D_INDEX_6} for a unique column), which differs between two
   * databases with the same schema made by different sequences of sessions: the counter is left
   * out.
   */
  private static String generatedName(String name) {
    return name.replaceAll("^(primary_key|constraint_index)_[0-9a-f]+$", "$1_#")
        .replaceAll("^(constraint_[0-9a-f]+_index)_[0-9a-f]+$", "$1_#");
  }
}
