package io.schemagate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a query through an engine, under its time limits: a tenant's own list of
 * schemas for a fleet, for instance. Built on {@link MigrationEngine#read}, so the facade stays
 * short.
 */
public final class QueryRows {
  private QueryRows() {}

  /**
   * The first column of each row {@code query} returns, at most {@code limit} rows, read in a
   * read-only transaction that is rolled back: nothing the query might change is kept.
   */
  public static List<String> firstColumn(MigrationEngine engine, String query, int limit) {
    return engine.read(
        context -> {
          try (Connection connection = context.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
              statement.setMaxRows(limit);
              List<String> values = new ArrayList<>();
              try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                  values.add(rows.getString(1));
                }
              }
              return values;
            } finally {
              connection.rollback();
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        });
  }
}
