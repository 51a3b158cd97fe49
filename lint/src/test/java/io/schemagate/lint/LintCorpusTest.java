package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus: at least 300 statements in the shapes real folders write, on PostgreSQL and
 * MySQL/MariaDB, each giving exactly the findings it is labelled with: no false positive, no miss.
 */
class LintCorpusTest {
  @Test
  void everyCaseGivesExactlyItsLabelledFindings() {
    List<LintCorpus.Case> cases = LintCorpus.cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    assertThat(cases)
        .extracting(LintCorpus.Case::kind)
        .map(Enum::name)
        .contains("POSTGRESQL", "MARIADB");
    List<String> wrong =
        cases.stream()
            .map(LintCorpus::lint)
            .filter(o -> !o.matches())
            .map(
                o ->
                    o.of().file()
                        + " "
                        + o.of().name()
                        + ": expected "
                        + o.of().expected()
                        + ", found "
                        + o.found())
            .toList();
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyStatementTheDatabaseRunsIsAccountedForAndNoneIsShownAsAComment() {
    int statements = 0;
    for (LintCorpus.Case c : LintCorpus.cases()) {
      io.schemagate.engine.api.Script script =
          io.schemagate.testing.Bundles.of("V1__case.sql", c.sql())
              .forDatabase(c.kind())
              .versioned()
              .get(0);
      // What the database runs: Flyway's statements, and the ones a piece of them still holds.
      int run =
          io.schemagate.engine.flyway.ScriptStatements.split(
                  script, c.kind(), io.schemagate.engine.api.EngineSettings.defaults())
              .stream()
              .mapToInt(st -> SqlText.statements(st.sql(), c.kind()).size())
              .sum();
      Linter.Lint lint =
          Linter.review(
              List.of(script), c.kind(), io.schemagate.engine.api.EngineSettings.defaults());
      assertThat(lint.statements()).as(c.file() + " " + c.name()).hasSize(run);
      assertThat(lint.statements())
          .as(c.file() + " " + c.name())
          .allSatisfy(
              st ->
                  assertThat(st.statement())
                      .doesNotStartWith("--")
                      .doesNotStartWith("/*")
                      .doesNotStartWith("#"));
      statements += run;
    }
    assertThat(statements).isGreaterThanOrEqualTo(400);
  }
}
