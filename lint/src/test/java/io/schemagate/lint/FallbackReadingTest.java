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
 * Statements JSqlParser 5.4 cannot read, in shapes real folders write: the rules still judge them
 * from the fallback reading, and a part the reading does not know is reported, never skipped.
 */
class FallbackReadingTest {
  private static List<Finding> lint(DatabaseKind kind, String sql) {
    Bundle bundle = Bundles.of("V2__x.sql", sql);
    return Linter.lint(bundle.forDatabase(kind).versioned(), kind, EngineSettings.defaults());
  }

  @Test
  void aDropOrRenameOfAColumnNamedLikeAKeywordIsStillAContractStep() {
    assertThat(lint(DatabaseKind.POSTGRESQL, "ALTER TABLE t DROP COLUMN key;"))
        .extracting(Finding::rule, Finding::contract, Finding::lock)
        .containsExactly(tuple("drop-column", true, StatementLocks.ACCESS_EXCLUSIVE));
    assertThat(lint(DatabaseKind.POSTGRESQL, "ALTER TABLE t RENAME COLUMN key TO k2;"))
        .extracting(Finding::rule)
        .containsExactly("rename-column");
  }

  @Test
  void mysqlFormsTheParserMissesAreReadWithTheirAlgorithm() {
    assertThat(lint(DatabaseKind.MARIADB, "ALTER TABLE t DROP FOREIGN KEY fk_x;"))
        .extracting(Finding::rule)
        .containsExactly("mysql-alter-without-algorithm");
    assertThat(
            lint(
                DatabaseKind.MARIADB,
                "ALTER TABLE t DROP FOREIGN KEY fk_x, ALGORITHM=INPLACE, LOCK=NONE;"))
        .isEmpty();
  }

  @Test
  void aPartTheReadingDoesNotKnowIsReportedNextToWhatItFound() {
    assertThat(lint(DatabaseKind.POSTGRESQL, "ALTER TABLE t DROP COLUMN key, SET WITHOUT CLUSTER;"))
        .extracting(Finding::rule)
        .containsExactlyInAnyOrder("drop-column", "not-analysed");
  }

  @Test
  void statementsNoRuleJudgesStayNotAnalysed() {
    assertThat(lint(DatabaseKind.POSTGRESQL, "CREATE SEQUENCE IF NOT EXISTS s START 1;"))
        .extracting(Finding::rule)
        .containsExactly("not-analysed");
  }
}
