package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Bundles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The linter as logic: lines, directives, statements it cannot read, order across scripts. */
class LinterTest {
  private static List<Finding> lint(DatabaseKind kind, String... namesAndTexts) {
    Bundle bundle = Bundles.of(namesAndTexts);
    return Linter.lint(bundle.forDatabase(kind).versioned(), kind, EngineSettings.defaults());
  }

  @Test
  void aFindingNamesTheScriptTheLineAndTheStatementsFirstLine() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V2__x.sql",
            "-- widen the total\n\nALTER TABLE orders\n  ALTER COLUMN total TYPE BIGINT;\n");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("column-type-change");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.script()).isEqualTo("V2__x.sql");
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.statement()).isEqualTo("ALTER TABLE orders");
              assertThat(f.fix()).contains("add a new column");
              assertThat(f.contract()).isFalse();
            });
  }

  @Test
  void aDirectiveSilencesOnlyItsRuleForOnlyItsStatement() {
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL,
            "V2__x.sql",
            "-- schemagate:lint-ignore update-without-where the table holds one row\n"
                + "UPDATE app_settings SET v = 1;\n"
                + "UPDATE orders SET total = 0;\n"
                + "-- schemagate:lint-ignore truncate a cache\n"
                + "DELETE FROM orders;\n");
    assertThat(findings)
        .extracting(Finding::rule, Finding::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("update-without-where", 3),
            org.assertj.core.groups.Tuple.tuple("delete-without-where", 5));
  }

  @Test
  void dropsAndRenamesAreContractSteps() {
    assertThat(
            lint(
                DatabaseKind.POSTGRESQL,
                "V2__x.sql",
                "ALTER TABLE orders DROP COLUMN note;\nALTER TABLE orders RENAME TO purchases;"))
        .allSatisfy(f -> assertThat(f.contract()).isTrue())
        .hasSize(2);
  }

  @Test
  void aScriptIsAContractStepWhenItSaysSoOrWhenItDropsOrRenames() {
    Bundle bundle =
        Bundles.of(
            "V2__expand.sql",
            "ALTER TABLE orders ADD COLUMN code TEXT;",
            "V3__contract.sql",
            "-- schemagate:contract the old reader is gone in 4.2\nUPDATE orders SET x = 1 WHERE id = 1;",
            "V4__drop.sql",
            "ALTER TABLE orders ADD COLUMN y INT;\nALTER TABLE orders DROP COLUMN legacy;",
            "V5__kept.sql",
            "-- schemagate:lint-ignore drop-table nothing ever read it\nDROP TABLE scratch;",
            "R__view.sql",
            "-- schemagate:contract\nCREATE OR REPLACE VIEW v AS SELECT 1;");
    List<io.schemagate.engine.api.Script> scripts =
        new java.util.ArrayList<>(bundle.forDatabase(DatabaseKind.POSTGRESQL).versioned());
    scripts.add(bundle.forDatabase(DatabaseKind.POSTGRESQL).scripts().get("R__view.sql"));
    List<Finding> findings =
        Linter.lint(scripts, DatabaseKind.POSTGRESQL, EngineSettings.defaults());

    assertThat(ContractStep.of(scripts, findings))
        .containsExactly(
            new ContractStep("3", "V3__contract.sql", "declared: the old reader is gone in 4.2"),
            new ContractStep("4", "V4__drop.sql", "drop-column at line 2"));
  }

  @Test
  void afterItsTimeBudgetTheLintStopsAndSaysSo() {
    Bundle bundle = Bundles.of("V2__a.sql", "TRUNCATE orders;", "V3__b.sql", "DELETE FROM orders;");
    List<Finding> findings =
        Linter.review(
                bundle.forDatabase(DatabaseKind.POSTGRESQL).versioned(),
                DatabaseKind.POSTGRESQL,
                EngineSettings.defaults(),
                java.time.Duration.ZERO)
            .findings();
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("time-budget-spent");
              assertThat(f.script()).isEqualTo("V2__a.sql");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
            });
  }

  @Test
  void aStatementTheParserCannotReadIsNamedNotGuessed() {
    List<Finding> findings = lint(DatabaseKind.POSTGRESQL, "V2__x.sql", "VACUUM orders;");
    assertThat(findings).extracting(Finding::rule).containsExactly("not-analysed");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void aStatementAboveTheParsedSizeIsNamedUnparsedAndTheRestIsStillRead() {
    StringBuilder load = new StringBuilder("INSERT INTO orders (id) VALUES (0)");
    for (int i = 1; load.length() <= Linter.MAX_ANALYSED_CHARS; i++) {
      load.append(", (").append(i).append(')');
    }
    List<Finding> findings =
        lint(
            DatabaseKind.POSTGRESQL, "V2__x.sql", load + ";\nALTER TABLE orders DROP COLUMN note;");
    assertThat(findings)
        .extracting(Finding::rule)
        .containsExactly("statement-too-large", "drop-column");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(findings.get(0).line()).isEqualTo(1);
    assertThat(findings.get(0).why()).contains("64 KiB");
  }

  @Test
  void rulesOfOneDatabaseStayThere() {
    String index = "CREATE INDEX orders_customer ON orders (customer_id);";
    assertThat(lint(DatabaseKind.POSTGRESQL, "V2__x.sql", index))
        .extracting(Finding::rule)
        .containsExactly("index-without-concurrently");
    assertThat(lint(DatabaseKind.MARIADB, "V2__x.sql", index))
        .extracting(Finding::rule)
        .containsExactly("mysql-alter-without-algorithm");
    assertThat(lint(DatabaseKind.SQLITE, "V2__x.sql", index)).isEmpty();
  }

  @Test
  void aTableCreatedInAnEarlierScriptOfThePlanIsNew() {
    assertThat(
            lint(
                DatabaseKind.POSTGRESQL,
                "V2__a.sql",
                "CREATE TABLE items (id INT);",
                "V3__b.sql",
                "CREATE INDEX items_id ON items (id);\nALTER TABLE items ALTER COLUMN id SET NOT NULL;"))
        .isEmpty();
  }

  @Test
  void insertSelectIsADataChangeAndInsertValuesIsNot() {
    assertThat(
            lint(
                DatabaseKind.POSTGRESQL,
                "V2__x.sql",
                "ALTER TABLE orders ADD COLUMN copy INT;\n"
                    + "INSERT INTO archive (id) VALUES (1);\n"
                    + "INSERT INTO orders (id) SELECT id FROM archive;\n"))
        .extracting(Finding::rule, Finding::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ddl-and-data-in-one-transaction", 3));
  }

  @Test
  void theReadmeListsEveryRule() throws Exception {
    String readme =
        java.nio.file.Files.readString(java.nio.file.Path.of("../docs/safe-migrations.md"));
    String section = readme;
    for (LintRule rule : LintRule.values()) {
      assertThat(section).as(rule.id()).contains("`" + rule.id() + "`");
    }
  }
}
