package io.schemagate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseKind;
import org.junit.jupiter.api.Test;

/** The lexical reading the lint falls back on, dialect by dialect. */
class SqlTextTest {
  @Test
  void leadingCommentsOfEveryDialectAreSkipped() {
    assertThat(SqlText.withoutLeadingComments("-- a\n  # b\nSELECT 1", DatabaseKind.MARIADB))
        .isEqualTo("SELECT 1");
    assertThat(SqlText.withoutLeadingComments("# b\nSELECT 1", DatabaseKind.POSTGRESQL))
        .as("# is an operator on PostgreSQL, not a comment")
        .isEqualTo("# b\nSELECT 1");
    assertThat(
            SqlText.withoutLeadingComments(
                "/* outer /* nested */ still a comment */\nSELECT 1", DatabaseKind.POSTGRESQL))
        .isEqualTo("SELECT 1");
    assertThat(SqlText.withoutLeadingComments("/* a /* b */ SELECT 1", DatabaseKind.MARIADB))
        .as("MySQL's block comments do not nest")
        .isEqualTo("SELECT 1");
  }

  @Test
  void onePieceIsSplitOutsideQuotesCommentsAndDollarQuotesButNotInsideABlock() {
    assertThat(
            SqlText.statements(
                "CREATE FUNCTION g(text) RETURNS text LANGUAGE SQL RETURN $1;\n"
                    + "INSERT INTO t VALUES ('a;b', \"c;d\"); -- x; y\n"
                    + "DO $body$ BEGIN PERFORM 1; END $body$",
                DatabaseKind.POSTGRESQL))
        .extracting(p -> p.sql().strip())
        .containsExactly(
            "CREATE FUNCTION g(text) RETURNS text LANGUAGE SQL RETURN $1",
            "INSERT INTO t VALUES ('a;b', \"c;d\")",
            "-- x; y\nDO $body$ BEGIN PERFORM 1; END $body$");
    String rule =
        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
    assertThat(SqlText.statements(rule, DatabaseKind.POSTGRESQL)).hasSize(1);
    String routine = "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END";
    assertThat(SqlText.statements(routine, DatabaseKind.MARIADB)).hasSize(1);
  }

  @Test
  void createdNamesAreReadWithoutAParser() {
    assertThat(SqlText.created("CREATE TABLE IF NOT EXISTS public.\"Key_Store\" (key TEXT)"))
        .contains("key_store");
    assertThat(SqlText.created("create unlogged table t7 (key varchar(250))")).contains("t7");
    assertThat(SqlText.created("CREATE MATERIALIZED VIEW totals AS SELECT 1")).contains("totals");
    assertThat(SqlText.created("CREATE INDEX i ON t (key)")).isEmpty();
  }
}
