package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule on a real database: a migration that breaks it is found, by rule and line, on a table
 * with a row; its safe rewrite is not found and applies. The tables of {@code V1} exist before the
 * plan, so the rules about existing tables apply to them.
 */
class LintRulesTest {
  private static final String SETUP_POSTGRESQL =
      "CREATE TABLE customers (id INT PRIMARY KEY);\n"
          + "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT, note TEXT);\n"
          + "INSERT INTO customers VALUES (7);\n"
          + "INSERT INTO orders VALUES (1, 7, 5, 'first');\n";
  private static final String SETUP_MARIADB = SETUP_POSTGRESQL;

  /**
   * One rule's case.
   *
   * @param risky the scripts after V1 that break the rule (V2, V3, ...)
   * @param expected the rule ids found, in order
   * @param safe the rewrite, which breaks none and applies
   */
  record Case(String kind, List<String> risky, List<String> expected, List<String> safe) {}

  private static Arguments pg(String name, String risky, List<String> rules, String... safe) {
    return Arguments.of(
        Named.of(
            name + " on postgresql", new Case("postgresql", List.of(risky), rules, List.of(safe))));
  }

  private static Arguments maria(String name, String risky, List<String> rules, String... safe) {
    return Arguments.of(
        Named.of(name + " on mariadb", new Case("mariadb", List.of(risky), rules, List.of(safe))));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(
        pg(
            "index-without-concurrently",
            "CREATE INDEX orders_customer ON orders (customer_id);",
            List.of("index-without-concurrently"),
            "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);"));
    cases.add(
        pg(
            "add-column-not-null-without-default",
            "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL;",
            List.of("add-column-not-null-without-default"),
            "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'new';"));
    cases.add(
        pg(
            "add-column-volatile-default",
            "ALTER TABLE orders ADD COLUMN token UUID DEFAULT gen_random_uuid();",
            List.of("add-column-volatile-default"),
            "ALTER TABLE orders ADD COLUMN token UUID;\n"
                + "ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();"));
    cases.add(
        pg(
            "column-type-change",
            "ALTER TABLE orders ALTER COLUMN total TYPE BIGINT;",
            List.of("column-type-change"),
            "ALTER TABLE orders ADD COLUMN total_big BIGINT;"));
    cases.add(
        pg(
            "constraint-without-not-valid, foreign key",
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                + " REFERENCES customers (id);",
            List.of("constraint-without-not-valid"),
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                + " REFERENCES customers (id) NOT VALID;",
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;"));
    cases.add(
        pg(
            "set-not-null",
            "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;",
            List.of("set-not-null"),
            "ALTER TABLE orders ADD CONSTRAINT orders_total_nn CHECK (total IS NOT NULL) NOT VALID;",
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nn;"));
    cases.add(
        pg(
            "drop-column, and a directive with its reason",
            "ALTER TABLE orders DROP COLUMN note;",
            List.of("drop-column"),
            "-- schemagate:lint-ignore drop-column no release reads note since 1.4\n"
                + "ALTER TABLE orders DROP COLUMN note;"));
    cases.add(
        pg(
            "drop-table",
            "DROP TABLE orders;",
            List.of("drop-table"),
            "-- schemagate:lint-ignore drop-table orders moved to the billing service in 2.0\n"
                + "DROP TABLE orders;"));
    cases.add(
        pg(
            "rename-column",
            "ALTER TABLE orders RENAME COLUMN note TO remark;",
            List.of("rename-column"),
            "ALTER TABLE orders ADD COLUMN remark TEXT;"));
    cases.add(
        pg(
            "rename-table",
            "ALTER TABLE orders RENAME TO purchases;",
            List.of("rename-table"),
            "CREATE VIEW purchases AS SELECT * FROM orders;"));
    cases.add(
        pg(
            "truncate",
            "TRUNCATE orders;",
            List.of("truncate"),
            "DELETE FROM orders WHERE id < 100;"));
    cases.add(
        pg(
            "update-without-where",
            "UPDATE orders SET total = 0;",
            List.of("update-without-where"),
            "UPDATE orders SET total = 0 WHERE id BETWEEN 1 AND 1000;"));
    cases.add(
        pg(
            "delete-without-where",
            "DELETE FROM orders;",
            List.of("delete-without-where"),
            "DELETE FROM orders WHERE id BETWEEN 1 AND 1000;"));
    cases.add(
        pg(
            "ddl-and-data-in-one-transaction",
            "ALTER TABLE orders ADD COLUMN shipped BOOLEAN;\n"
                + "UPDATE orders SET shipped = false WHERE id > 0;",
            List.of("ddl-and-data-in-one-transaction"),
            "ALTER TABLE orders ADD COLUMN shipped BOOLEAN;",
            "UPDATE orders SET shipped = false WHERE id > 0;"));
    cases.add(
        pg(
            "ignore-without-reason",
            "-- schemagate:lint-ignore truncate\nTRUNCATE orders;",
            List.of("ignore-without-reason", "truncate"),
            "-- schemagate:lint-ignore truncate the rows are a cache, rebuilt on start\n"
                + "TRUNCATE orders;"));
    cases.add(
        pg(
            "a table created in the plan is new",
            "CREATE TABLE items (id INT);\n"
                + "CREATE INDEX items_id ON items (id);\n"
                + "ALTER TABLE items ADD COLUMN sku TEXT NOT NULL;\n"
                + "UPDATE items SET sku = 'x';",
            List.of(),
            "CREATE TABLE items (id INT);"));
    cases.add(
        maria(
            "mysql-alter-without-algorithm",
            "ALTER TABLE orders MODIFY COLUMN total BIGINT;",
            List.of("mysql-alter-without-algorithm"),
            "ALTER TABLE orders ADD COLUMN total_big BIGINT, ALGORITHM=INSTANT;"));
    cases.add(
        maria(
            "mysql-alter-without-algorithm, an index",
            "CREATE INDEX orders_customer ON orders (customer_id);",
            List.of("mysql-alter-without-algorithm"),
            "ALTER TABLE orders ADD INDEX orders_customer (customer_id), ALGORITHM=INPLACE,"
                + " LOCK=NONE;"));
    cases.add(
        maria(
            "drop-column",
            "ALTER TABLE orders DROP COLUMN note, ALGORITHM=INPLACE, LOCK=NONE;",
            List.of("drop-column"),
            "-- schemagate:lint-ignore drop-column no release reads note since 1.4\n"
                + "ALTER TABLE orders DROP COLUMN note, ALGORITHM=INPLACE, LOCK=NONE;"));
    cases.add(
        maria(
            "rename-column",
            "ALTER TABLE orders RENAME COLUMN note TO remark, ALGORITHM=INPLACE;",
            List.of("rename-column"),
            "ALTER TABLE orders ADD COLUMN remark TEXT, ALGORITHM=INSTANT;"));
    cases.add(
        maria(
            "update-without-where",
            "UPDATE orders SET total = 0;",
            List.of("update-without-where"),
            "UPDATE orders SET total = 0 WHERE id BETWEEN 1 AND 1000;"));
    cases.add(
        maria(
            "truncate",
            "TRUNCATE TABLE orders;",
            List.of("truncate"),
            "DELETE FROM orders WHERE id < 100;"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRiskyFormIsFoundAndTheSafeOneIsNotAndApplies(Case rule) throws Exception {
    String setup = rule.kind().equals("postgresql") ? SETUP_POSTGRESQL : SETUP_MARIADB;
    List<Finding> risky = lintAfterSetup(rule.kind(), setup, rule.risky(), false);
    assertThat(risky).extracting(Finding::rule).containsExactlyElementsOf(rule.expected());
    assertThat(risky).allSatisfy(f -> assertThat(f.script()).isEqualTo("V2__change.sql"));
    assertThat(risky).allSatisfy(f -> assertThat(f.why()).isNotBlank());
    assertThat(lintAfterSetup(rule.kind(), setup, rule.safe(), true)).isEmpty();
  }

  /** Applies V1, lints the rest; with {@code apply}, then applies the rest too. */
  private static List<Finding> lintAfterSetup(
      String kind, String setup, List<String> scripts, boolean apply) {
    TestDatabase db = Databases.fresh(kind);
    List<String> files = new ArrayList<>(List.of("V1__setup.sql", setup));
    for (int i = 0; i < scripts.size(); i++) {
      files.add("V" + (i + 2) + (i == 0 ? "__change.sql" : "__more.sql"));
      files.add(scripts.get(i));
    }
    Bundle bundle = Bundles.of(files.toArray(String[]::new));
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(), bundle, EngineSettings.defaults(), ConnectionSettings.DEFAULT)) {
      engine.upgrade("1", MigrationListener.NONE);
      List<Finding> findings = PlanReviews.review(engine, engine.plan("head")).findings();
      if (apply) {
        engine.upgrade(null, MigrationListener.NONE);
        assertThat(engine.inspect().status().pending()).isEmpty();
      }
      return findings;
    }
  }
}
