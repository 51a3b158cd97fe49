package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.EngineException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Names the INVALID indexes that a PostgreSQL migration run outside a transaction left behind: an
 * interrupted {@code CREATE INDEX CONCURRENTLY} keeps its half-built index, and the script's next
 * run then fails on it, so the message says which index it is and how to drop it.
 */
public final class InvalidIndexes {
  private static final String QUERY =
      "SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2";

  private InvalidIndexes() {}

  /** {@code failure}, with the invalid indexes named when it is such a migration's failure. */
  public static EngineException explain(
      EngineException failure, DatabaseUrl url, DataSource dataSource) {
    if (url.kind() != DatabaseKind.POSTGRESQL
        || !FailureClassifier.ranOutsideTransaction(failure)) {
      return failure;
    }
    List<String> invalid = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(QUERY)) {
      while (rs.next()) {
        invalid.add(rs.getString(1) + "." + rs.getString(2));
      }
    } catch (SQLException | RuntimeException e) {
      return failure; // the failure itself says enough; this was only a closer look
    }
    if (invalid.isEmpty()) {
      return failure;
    }
    String drops =
        String.join("; ", invalid.stream().map(i -> "DROP INDEX CONCURRENTLY " + i).toList());
    return new EngineException(
        failure.kind(),
        failure.getMessage()
            + " PostgreSQL marks "
            + (invalid.size() == 1 ? "the index " : "the indexes ")
            + String.join(", ", invalid)
            + " INVALID: an interrupted CREATE INDEX CONCURRENTLY leaves its index half-built."
            + " Drop it ("
            + drops
            + ") before the script runs again.",
        failure.script(),
        failure.line(),
        failure.getCause());
  }
}
