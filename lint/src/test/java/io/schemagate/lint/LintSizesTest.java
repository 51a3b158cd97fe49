package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A finding names the lock its statement takes and, read from the catalogue without a scan, the
 * size and rows of its table: on tables with 20,000 real rows.
 */
class LintSizesTest {
  private static List<Finding> lint(TestDatabase db, String setup, String change) {
    return review(db, setup, change).findings();
  }

  /** The review of {@code change} after {@code setup} is applied. */
  private static PlanReview review(TestDatabase db, String setup, String change) {
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(),
            Bundles.of("V1__setup.sql", setup, "V2__change.sql", change),
            EngineSettings.defaults(),
            ConnectionSettings.DEFAULT)) {
      engine.upgrade("1", MigrationListener.NONE);
      return PlanReviews.review(engine, engine.plan("head"));
    }
  }

  @Test
  void postgresqlNamesTheLockTheSizeAndTheRows() {
    TestDatabase db = Databases.fresh("postgresql");
    List<Finding> findings =
        lint(
            db,
            "CREATE TABLE orders (id INT PRIMARY KEY, total INT, note TEXT);\n"
                + "INSERT INTO orders SELECT g, g, 'note ' || g FROM generate_series(1, 20000) g;\n"
                + "ANALYZE orders;\n",
            "ALTER TABLE orders ALTER COLUMN total TYPE BIGINT;");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("column-type-change");
              assertThat(f.table()).isEqualTo("orders");
              assertThat(f.lock()).startsWith("ACCESS EXCLUSIVE");
              assertThat(f.size().rows()).isEqualTo(20_000L);
              assertThat(f.size().bytes()).isGreaterThan(500_000L);
              assertThat(f.size().describe()).endsWith("~20 k rows");
            });
  }

  @Test
  void mariadbNamesTheMetadataLockAndTheCataloguesEstimate() {
    TestDatabase db = Databases.fresh("mariadb");
    List<Finding> findings =
        lint(
            db,
            "CREATE TABLE orders (id INT PRIMARY KEY, total INT, note VARCHAR(40));\n"
                + "INSERT INTO orders SELECT seq, seq, CONCAT('note ', seq) FROM seq_1_to_20000;\n"
                + "ANALYZE TABLE orders;\n",
            "ALTER TABLE orders RENAME COLUMN note TO remark, ALGORITHM=INPLACE;");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("rename-column");
              assertThat(f.lock())
                  .isEqualTo(
                      "an exclusive metadata lock at its start and end; in between the least the"
                          + " change allows (ALGORITHM=INPLACE)");
              // InnoDB's estimate comes from sampled pages: near, not exact.
              assertThat(f.size().rows()).isBetween(10_000L, 40_000L);
              assertThat(f.size().bytes()).isGreaterThan(100_000L);
            });
  }

  @Test
  void aTableTheCatalogueDoesNotHaveKeepsNoSize() {
    TestDatabase db = Databases.fresh("postgresql");
    List<Finding> findings =
        lint(db, "CREATE TABLE a (id INT);", "ALTER TABLE elsewhere.b DROP COLUMN c;");
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.size()).isNull());
  }

  @Test
  void atMostTwoHundredTablesAreSizedThoseOfFindingsFirst() {
    TestDatabase db = Databases.fresh("postgresql");
    StringBuilder setup = new StringBuilder();
    StringBuilder change = new StringBuilder();
    for (int i = 1; i <= Linter.MAX_SIZED_TABLES + 10; i++) {
      setup.append("CREATE TABLE t").append(i).append(" (id INT);\n");
      change.append("INSERT INTO t").append(i).append(" VALUES (1);\n");
    }
    // The last table's statement is the one finding: its size is read although it comes last.
    change.append("TRUNCATE t").append(Linter.MAX_SIZED_TABLES + 10).append(";\n");
    PlanReview review = review(db, setup.toString(), change.toString());
    assertThat(review.findings()).singleElement().satisfies(f -> assertThat(f.size()).isNotNull());
    assertThat(review.statements()).hasSize(Linter.MAX_SIZED_TABLES + 11);
    assertThat(review.statements().stream().map(PlannedStatement::size).filter(z -> z != null))
        .hasSize(Linter.MAX_SIZED_TABLES + 1);
  }

  @Test
  void theCallbacksAMigrateRunsAreLintedWithThePlan() {
    TestDatabase db = Databases.fresh("postgresql");
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(),
            Bundles.of(
                "V1__orders.sql",
                "CREATE TABLE orders (id INT, note TEXT);",
                "V2__note.sql",
                "ALTER TABLE orders ADD COLUMN flag INT;",
                "afterMigrate.sql",
                "UPDATE orders SET note = 'seen';",
                "afterEachMigrate__audit.sql",
                "DELETE FROM orders;"),
            EngineSettings.defaults(),
            ConnectionSettings.DEFAULT)) {
      engine.upgrade("1", MigrationListener.NONE);
      List<Finding> findings = PlanReviews.review(engine, engine.plan("head")).findings();
      assertThat(findings)
          .extracting(Finding::rule, Finding::script)
          .contains(
              org.assertj.core.groups.Tuple.tuple("update-without-where", "afterMigrate.sql"),
              org.assertj.core.groups.Tuple.tuple(
                  "delete-without-where", "afterEachMigrate__audit.sql"));
    }
  }
}
