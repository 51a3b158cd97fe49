package io.schemagate.testing;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.awaitility.Awaitility;

/**
 * A fresh, empty database on one of the real engines, and a way to look inside it.
 *
 * @param url what users would write, e.g. {@code postgresql://postgres@localhost:5432/t_3}
 */
public record TestDatabase(String name, DatabaseKind kind, String url) {
  public DatabaseUrl parsed() {
    return DatabaseUrl.parse(url);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Opens a plain JDBC connection (no pool) for assertions. */
  public Connection connect() throws SQLException {
    DatabaseUrl parsed = parsed();
    parsed.prepare();
    return DriverManager.getConnection(
        parsed.jdbcUrl(), parsed.user().orElse(null), parsed.password().orElse(null));
  }

  /** Table names in the default schema, lower-cased. */
  public List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = connect()) {
      String catalog =
          kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB
              ? connection.getCatalog()
              : null;
      String schema =
          switch (kind) {
            case POSTGRESQL -> "public";
            case H2 -> "PUBLIC";
            default -> null;
          };
      try (ResultSet rs =
          connection.getMetaData().getTables(catalog, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return tables;
  }

  /** Runs one query and returns the first column of the first row. */
  public Object queryOne(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    }
  }

  /**
   * Waits until a counting query's result satisfies {@code condition}: a statement is running
   * (count above 0), no lock is left (count 0).
   */
  public void awaitCount(String countQuery, LongPredicate condition, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> condition.test(((Number) queryOne(countQuery)).longValue()));
  }

  /** Runs a statement. */
  public void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
