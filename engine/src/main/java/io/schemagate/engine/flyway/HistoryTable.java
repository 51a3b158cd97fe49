package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.HistoryFingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the one kind of row Flyway community cannot write for us: a {@code DELETE} row that marks
 * a version as removed, exactly as Flyway's own {@code repair} records a removed migration. Flyway
 * then reads that version as pending again and its current version goes back.
 */
public final class HistoryTable {
  private final DatabaseKind kind;
  private final String schema;
  private final String table;

  public HistoryTable(DatabaseKind kind, String schema, String table) {
    EngineSettings.checkIdentifier("schema", schema);
    EngineSettings.checkIdentifier("table", table);
    this.kind = kind;
    this.schema = schema;
    this.table = table;
  }

  /** The schema a connection works in when no schema is configured. */
  public static String defaultSchema(DatabaseKind kind, Connection connection) throws SQLException {
    String schema =
        switch (kind) {
          case MYSQL, MARIADB -> connection.getCatalog();
          case SQLITE -> "main";
          default -> connection.getSchema();
        };
    if (schema == null) {
      throw new EngineException(
          FailureKind.INVALID_INPUT,
          "The connection has no default schema; name one with --schema (or spec.database.schemas)");
    }
    return schema;
  }

  /**
   * Reads the {@link HistoryFingerprint} of the history table in one query. Without a configured
   * schema the name is left unqualified, so it resolves in the connection's default schema, where
   * Flyway keeps it; that spares the extra round trip of asking for the default schema.
   *
   * @throws SQLException also when the table does not exist (yet)
   */
  public static HistoryFingerprint fingerprint(
      DatabaseKind kind,
      String schemaOrNull,
      String table,
      Connection connection,
      SessionLimits limits)
      throws SQLException {
    String from = from(kind, schemaOrNull, table);
    String query =
        "SELECT COUNT(*), COALESCE(MAX("
            + quote(kind, "installed_rank")
            + "), 0), COALESCE(SUM("
            + quote(kind, "checksum")
            + "), 0), COALESCE(SUM(CASE WHEN "
            + quote(kind, "success")
            + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(LENGTH("
            + quote(kind, "description")
            + ") + LENGTH("
            + quote(kind, "script")
            + ")), 0) FROM "
            + from;
    try (PreparedStatement select = prepare(connection, query, limits);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return new HistoryFingerprint(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
  }

  /**
   * The table as a query names it: unqualified without a configured schema, so it resolves in the
   * connection's default schema, where Flyway keeps it.
   */
  static String from(DatabaseKind kind, String schemaOrNull, String table) {
    EngineSettings.checkIdentifier("table", table);
    return schemaOrNull == null
        ? quote(kind, table)
        : new HistoryTable(kind, schemaOrNull, table).qualifiedName();
  }

  /** A read of the table, bounded by the session's statement timeout. */
  static PreparedStatement prepare(Connection connection, String sql, SessionLimits limits)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    if (limits.hasStatementTimeout()) {
      statement.setQueryTimeout((int) Math.max(1, limits.statementTimeout().toSeconds()));
    }
    return statement;
  }

  /** Makes unqualified names in a script resolve in the managed schema, as Flyway does. */
  public void useSchema(Connection connection) throws SQLException {
    switch (kind) {
      case MYSQL, MARIADB -> connection.setCatalog(schema);
      case POSTGRESQL, H2 -> connection.setSchema(schema);
      case SQLITE -> {
        // SQLite has one schema per file.
      }
    }
  }

  public String schema() {
    return schema;
  }

  public String table() {
    return table;
  }

  public String qualifiedName() {
    return quote(schema) + "." + quote(table);
  }

  private String quote(String identifier) {
    return quote(kind, identifier);
  }

  static String quote(DatabaseKind kind, String identifier) {
    // Identifiers were checked to be plain names, so quoting cannot be escaped from.
    return kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB
        ? "`" + identifier + "`"
        : "\"" + identifier + "\"";
  }

  /** Deletes the failed rows of one version: only for a migration of which nothing ran. */
  public int removeFailed(Connection connection, String version) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + qualifiedName()
                + " WHERE "
                + quote("version")
                + " = ? AND "
                + quote("success")
                + " = FALSE")) {
      delete.setString(1, version);
      return delete.executeUpdate();
    }
  }

  /** Appends a DELETE row for an applied migration, in the caller's transaction. */
  public void recordRemoval(Connection connection, HistoryEntry applied) throws SQLException {
    int rank;
    try (PreparedStatement max =
            connection.prepareStatement(
                "SELECT MAX(" + quote("installed_rank") + ") FROM " + qualifiedName());
        ResultSet rs = max.executeQuery()) {
      rs.next();
      rank = rs.getInt(1) + 1;
    }
    String user = connection.getMetaData().getUserName();
    String insert =
        "INSERT INTO "
            + qualifiedName()
            + " ("
            + String.join(
                ", ",
                quote("installed_rank"),
                quote("version"),
                quote("description"),
                quote("type"),
                quote("script"),
                quote("checksum"),
                quote("installed_by"),
                quote("execution_time"),
                quote("success"))
            + ") VALUES (?, ?, ?, 'DELETE', ?, ?, ?, 0, ?)";
    try (PreparedStatement row = connection.prepareStatement(insert)) {
      row.setInt(1, rank);
      row.setString(2, applied.version());
      row.setString(3, applied.description());
      row.setString(4, applied.script());
      if (applied.checksum() == null) {
        row.setNull(5, Types.INTEGER);
      } else {
        row.setInt(5, applied.checksum());
      }
      row.setString(6, user == null || user.isEmpty() ? "schemagate" : truncate(user));
      row.setBoolean(7, true);
      row.executeUpdate();
    }
  }

  /**
   * The DELETE rows (undone or stamped-down versions), which Flyway's info folds away; the history
   * shows them so it tells everything that happened.
   */
  public List<HistoryEntry> removalRows(Connection connection) throws SQLException {
    String query =
        "SELECT "
            + String.join(
                ", ",
                quote("installed_rank"),
                quote("version"),
                quote("description"),
                quote("script"),
                quote("checksum"),
                quote("installed_by"),
                quote("installed_on"))
            + " FROM "
            + qualifiedName()
            + " WHERE "
            + quote("type")
            + " = 'DELETE'";
    List<HistoryEntry> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(query);
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        Timestamp installedOn = readTimestamp(rs);
        int checksum = rs.getInt(5);
        rows.add(
            new HistoryEntry(
                rs.getInt(1),
                rs.getString(2),
                rs.getString(3),
                "DELETE",
                rs.getString(4),
                rs.wasNull() ? null : checksum,
                rs.getString(6),
                installedOn == null ? null : installedOn.toInstant(),
                0,
                "Undone",
                true));
      }
    }
    return rows;
  }

  private static Timestamp readTimestamp(ResultSet rs) throws SQLException {
    // SQLite keeps the time as text; the driver parses it only in its own format.
    try {
      return rs.getTimestamp(7);
    } catch (SQLException e) {
      return null;
    }
  }

  private static String truncate(String user) {
    return user.length() > 100 ? user.substring(0, 100) : user;
  }
}
