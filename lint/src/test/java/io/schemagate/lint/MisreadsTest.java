package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Bundles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What real migration folders write and the lint once misread: a statement the parser cannot read
 * still tells which table it creates, one piece holding several statements is read statement by
 * statement, no comment hides a statement or stands in for it, and a table the plan made (under any
 * later name) is new for every rule.
 */
class MisreadsTest {
  private static List<Finding> lint(DatabaseKind kind, String... namesAndTexts) {
    Bundle bundle = Bundles.of(namesAndTexts);
    return Linter.lint(bundle.forDatabase(kind).versioned(), kind, EngineSettings.defaults());
  }

  @Test
  void aTableCreatedByAStatementTheParserCannotReadIsStillNew() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V1__t7.sql",
            "CREATE TABLE t7 (key VARCHAR(250) NOT NULL PRIMARY KEY, errors INT);\n"
                + "CREATE INDEX t7_k ON t7 (key);\n"
                + "ALTER TABLE t7 ADD COLUMN c INT NOT NULL;\n");
    assertThat(findings).extracting(Finding::rule).doesNotContain("index-without-concurrently");
    assertThat(findings).extracting(Finding::rule).doesNotContain("add-column-not-null");
  }

  @Test
  void aFunctionWithAPositionalParameterDoesNotSwallowTheRestOfTheScript() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V2__g.sql",
            "CREATE OR REPLACE FUNCTION g(text) RETURNS text LANGUAGE SQL IMMUTABLE RETURN $1;\n"
                + "CREATE TABLE t9 (id INT);\n"
                + "ALTER TABLE t10 ADD COLUMN c INT NOT NULL;\n");
    assertThat(findings)
        .extracting(Finding::rule, Finding::line)
        .contains(tuple("add-column-not-null-without-default", 3));
  }

  @Test
  void aHashCommentNeverHidesTheStatementAfterIt() {
    List<Finding> findings =
        lint(DatabaseKind.MARIADB, "V2__q.sql", "# note\nALTER TABLE q DROP COLUMN v;\n");
    assertThat(findings).extracting(Finding::rule).contains("drop-column");
    assertThat(findings).extracting(Finding::rule).doesNotContain("not-analysed");
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("drop-column"))
        .extracting(Finding::statement)
        .containsExactly("ALTER TABLE q DROP COLUMN v");
  }

  @Test
  void aBlockCommentHeaderIsNeverShownAsTheStatement() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V2__x.sql",
            "/*\n * Licensed under the Apache License.\n */\nUPDATE orders SET total = 0;\n");
    assertThat(findings)
        .extracting(Finding::rule, Finding::statement)
        .containsExactly(tuple("update-without-where", "UPDATE orders SET total = 0"));
  }

  @Test
  void aTableCreatedThenRenamedInThePlanIsNewUnderItsNewName() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V1__a.sql",
            "CREATE TABLE a_base (id INT, nm TEXT);\n"
                + "ALTER TABLE a_base RENAME TO a;\n"
                + "ALTER TABLE a RENAME COLUMN nm TO name;\n"
                + "CREATE INDEX a_name ON a (name);\n",
            "V2__b.sql",
            "CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n;\n"
                + "CREATE INDEX totals_n ON totals (n);\n");
    assertThat(findings).isEmpty();
  }
}
