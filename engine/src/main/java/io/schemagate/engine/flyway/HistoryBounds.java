package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measures the history table before Flyway reads it whole: its columns must be Flyway's (Flyway
 * reads every column, so an added one could hold anything), and its rows and the text of all their
 * columns must stay within {@link HistoryLimits}. Two small queries, answered from the table
 * without sending a row to the client.
 */
public final class HistoryBounds {
  /** The columns of Flyway's history table, on every database. */
  static final Set<String> COLUMNS =
      Set.of(
          "installed_rank",
          "version",
          "description",
          "type",
          "script",
          "checksum",
          "installed_by",
          "installed_on",
          "execution_time",
          "success");

  private HistoryBounds() {}

  /**
   * Refuses a history table Flyway should not read; a table that does not exist (yet) passes.
   *
   * @param where the table as messages name it
   * @throws EngineException {@link FailureKind#HISTORY_TOO_LARGE} naming the table, what it holds
   *     and the limit
   */
  public static void check(
      DatabaseKind kind,
      String schemaOrNull,
      String table,
      String where,
      Connection connection,
      SessionLimits limits,
      HistoryLimits bounds)
      throws SQLException {
    String from = HistoryTable.from(kind, schemaOrNull, table);
    List<String> columns;
    try (PreparedStatement select =
            HistoryTable.prepare(connection, "SELECT * FROM " + from + " WHERE 1 = 0", limits);
        ResultSet rs = select.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      // No table yet (or no database): Flyway reads nothing, or fails the same way itself.
      return;
    }
    Set<String> extra = new TreeSet<>(columns);
    extra.removeAll(COLUMNS);
    Set<String> missing = new TreeSet<>(COLUMNS);
    missing.removeAll(columns);
    if (!extra.isEmpty() || !missing.isEmpty()) {
      throw new EngineException(
          FailureKind.HISTORY_TOO_LARGE,
          "The history table "
              + where
              + " is not Flyway's: "
              + (extra.isEmpty() ? "" : "it has the columns " + String.join(", ", extra))
              + (extra.isEmpty() || missing.isEmpty() ? "" : " and ")
              + (missing.isEmpty() ? "" : "it lacks " + String.join(", ", missing))
              + "; restore Flyway's columns before the next run, since Flyway reads every column"
              + " of every row");
    }
    StringBuilder text = new StringBuilder();
    for (String column : COLUMNS) {
      text.append(text.length() == 0 ? "" : " + ")
          .append("COALESCE(LENGTH(CAST(")
          .append(HistoryTable.quote(kind, column))
          .append(" AS ")
          .append(textType(kind))
          .append(")), 0)");
    }
    String measure = "SELECT COUNT(*), COALESCE(SUM(" + text + "), 0) FROM " + from;
    String problem;
    try (PreparedStatement select = HistoryTable.prepare(connection, measure, limits);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      problem = bounds.check(rs.getLong(1), rs.getLong(2));
    }
    if (problem != null) {
      throw new EngineException(
          FailureKind.HISTORY_TOO_LARGE,
          "The history table "
              + where
              + " is too large to read: "
              + problem
              + ". Flyway reads the whole table on every command; remove the rows or text that"
              + " were added by hand, or raise the limit");
    }
  }

  private static String textType(DatabaseKind kind) {
    return switch (kind) {
      case MYSQL, MARIADB -> "CHAR";
      case H2 -> "VARCHAR";
      default -> "TEXT";
    };
  }
}
