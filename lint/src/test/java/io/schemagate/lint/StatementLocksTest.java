package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock the plan names for each statement is the one PostgreSQL takes: each statement runs in a
 * transaction on a real server, and pg_locks shows the strongest mode it holds on the table.
 */
class StatementLocksTest {
  private static final String SETUP =
      "CREATE TABLE customers (id INT PRIMARY KEY);\n"
          + "CREATE TABLE orders (id INT PRIMARY KEY, total INT, customer_id INT, note TEXT);\n"
          + "INSERT INTO customers VALUES (1);\n"
          + "INSERT INTO orders VALUES (1, 10, 1, 'a');\n"
          + "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n";

  /** pg_locks' name for the mode the plan's text starts with. */
  private static final Map<String, String> MODES =
      Map.of(
          "ACCESS EXCLUSIVE", "AccessExclusiveLock",
          "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock",
          "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock",
          "SHARE", "ShareLock",
          "ROW EXCLUSIVE", "RowExclusiveLock");

  private static PlannedStatement planned(DatabaseKind kind, String sql) {
    List<PlannedStatement> statements =
        Linter.review(
                Bundles.of("V2__change.sql", sql).forDatabase(kind).versioned(),
                kind,
                EngineSettings.defaults())
            .statements();
    assertThat(statements).hasSize(1);
    return statements.get(0);
  }

  /** The mode a lock's text starts with: its leading upper-case words. */
  private static String mode(String lock) {
    int end = 0;
    while (end < lock.length()
        && (Character.isUpperCase(lock.charAt(end)) || lock.charAt(end) == ' ')) {
      end++;
    }
    String mode = MODES.get(lock.substring(0, end).strip());
    assertThat(mode).as("a PostgreSQL lock mode: " + lock).isNotNull();
    return mode;
  }

  /** The strongest mode this session holds on orders while {@code sql} is not yet committed. */
  private static String heldBy(TestDatabase db, String sql) throws Exception {
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        long orders;
        // Read first: a DROP TABLE leaves no name to look the table up by.
        try (ResultSet oid = statement.executeQuery("SELECT 'orders'::regclass::oid")) {
          oid.next();
          orders = oid.getLong(1);
        }
        statement.execute(sql);
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = "
                    + orders
                    + " AND locktype = 'relation'")) {
          List<String> order =
              List.of(
                  "AccessShareLock",
                  "RowShareLock",
                  "RowExclusiveLock",
                  "ShareUpdateExclusiveLock",
                  "ShareLock",
                  "ShareRowExclusiveLock",
                  "ExclusiveLock",
                  "AccessExclusiveLock");
          String strongest = null;
          while (rows.next()) {
            String mode = rows.getString(1);
            if (strongest == null || order.indexOf(mode) > order.indexOf(strongest)) {
              strongest = mode;
            }
          }
          return strongest;
        }
      } finally {
        connection.rollback();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE INDEX orders_total ON orders (total)",
        "ALTER TABLE orders ADD COLUMN region TEXT",
        "ALTER TABLE orders ALTER COLUMN total TYPE BIGINT",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES"
            + " customers (id)",
        "ALTER TABLE orders DROP COLUMN note",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES"
            + " customers (id) NOT VALID",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_small CHECK (total < 1000000)",
        "DROP TABLE orders",
        "TRUNCATE orders",
        "UPDATE orders SET total = 0 WHERE id = 1",
        "DELETE FROM orders WHERE id = 1",
        "INSERT INTO orders VALUES (2, 20, 1, 'b')"
      })
  void theNamedLockIsTheOnePostgresqlTakes(String sql) throws Exception {
    TestDatabase db = Databases.postgres();
    db.execute(SETUP);
    PlannedStatement planned = planned(DatabaseKind.POSTGRESQL, sql + ";");
    assertThat(planned.table()).isEqualTo("orders");
    assertThat(heldBy(db, sql)).as(planned.lock()).isEqualTo(mode(planned.lock()));
  }

  @Test
  void concurrentlyLetsWritesGoOnAndANewTableIsNamedAsSuch() {
    assertThat(
            planned(DatabaseKind.POSTGRESQL, "CREATE INDEX CONCURRENTLY o ON orders (total);")
                .lock())
        .isEqualTo("SHARE UPDATE EXCLUSIVE (reads and writes go on)");
    List<PlannedStatement> statements =
        Linter.review(
                Bundles.of(
                        "V2__new.sql",
                        "CREATE TABLE audit (id INT);\nCREATE INDEX audit_id ON audit (id);")
                    .forDatabase(DatabaseKind.POSTGRESQL)
                    .versioned(),
                DatabaseKind.POSTGRESQL,
                EngineSettings.defaults())
            .statements();
    assertThat(statements).extracting(PlannedStatement::line).containsExactly(1, 2);
    assertThat(statements.get(1).takes())
        .isEqualTo("SHARE (writes wait until the index is built) on audit (created by this plan)");
  }

  @Test
  void mysqlNamesTheOnlineDdlTheHintsAskFor() {
    assertThat(planned(DatabaseKind.MARIADB, "ALTER TABLE orders ADD COLUMN region TEXT;").lock())
        .contains("may copy the table");
    assertThat(
            planned(
                    DatabaseKind.MARIADB,
                    "ALTER TABLE orders ADD COLUMN region TEXT, ALGORITHM=INSTANT;")
                .lock())
        .contains("ALGORITHM=INSTANT");
    assertThat(
            planned(
                    DatabaseKind.MYSQL,
                    "ALTER TABLE orders ADD INDEX o (total), ALGORITHM=INPLACE, LOCK=NONE;")
                .lock())
        .isEqualTo(
            "an exclusive metadata lock at its start and end only; reads and writes go on in"
                + " between (ALGORITHM=INPLACE, LOCK=NONE)");
  }
}
