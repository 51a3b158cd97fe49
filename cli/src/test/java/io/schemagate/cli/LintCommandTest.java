package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint} and {@code check --fail-on} on a real PostgreSQL, and {@code lint --since}. */
class LintCommandTest {
  @TempDir Path dir;

  @Test
  void thePendingScriptsAreLintedAndCheckFailsOnTheChosenSeverity() throws Exception {
    Path migrations = Bundles.copy(Databases.exampleMigrations(), dir.resolve("migrations"));
    TestDatabase db = Databases.postgres();
    Cli cli = new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", migrations.toString());
    assertThat(cli.run("upgrade").code()).isZero();
    Files.writeString(
        migrations.resolve("V7__risky.sql"),
        "-- find messages by text\nCREATE INDEX messages_body ON messages (body);\n"
            + "ALTER TABLE users DROP COLUMN display_name;\n");

    Result lint = cli.run("lint");
    assertThat(lint.code()).as(lint.all()).isZero();
    assertThat(lint.out())
        .contains(
            "WARNING  index-without-concurrently  V7__risky.sql:2  CREATE INDEX messages_body")
        .contains("fix: CREATE INDEX CONCURRENTLY")
        .containsPattern(
            "takes: SHARE \\(writes wait until the index is built\\) on messages \\(\\d+ kB, ")
        .contains("WARNING  drop-column  V7__risky.sql:3")
        .contains("2 findings: 0 errors, 2 warnings, 0 info; contract steps: V7__risky.sql");
    assertThat(cli.run("lint", "--fail-on=warning").code()).isEqualTo(ExitCodes.LINT_FINDINGS);
    JsonNode json = new ObjectMapper().readTree(cli.run("lint", "-o", "json").out());
    assertThat(json).hasSize(2);
    assertThat(json.get(1).get("contract").asBoolean()).isTrue();

    assertThat(cli.run("check").code()).as("lint is asked for").isEqualTo(ExitCodes.PENDING);
    Result failing = cli.run("check", "--fail-on", "warning");
    assertThat(failing.code()).isEqualTo(ExitCodes.LINT_FINDINGS);
    assertThat(failing.out()).contains("index-without-concurrently");
    assertThat(cli.run("check", "--fail-on", "error").code()).isEqualTo(ExitCodes.PENDING);
    assertThat(cli.run("lint", "--fail-on", "sometimes").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void planShowsEachScriptWithItsFindingsAndItsContractSteps() throws Exception {
    Path migrations = Bundles.copy(Databases.exampleMigrations(), dir.resolve("migrations"));
    TestDatabase db = Databases.postgres();
    Cli cli = new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", migrations.toString());
    assertThat(cli.run("upgrade").code()).isZero();
    Files.writeString(
        migrations.resolve("V7__add_locale.sql"), "ALTER TABLE users ADD COLUMN locale TEXT;\n");
    Files.writeString(
        migrations.resolve("V8__retire_display_name.sql"),
        "-- schemagate:contract 2.3 reads locale only\n"
            + "UPDATE users SET locale = 'en' WHERE locale IS NULL;\n");
    Files.writeString(
        migrations.resolve("V9__index_body.sql"),
        "CREATE INDEX messages_body ON messages (body);\n");

    Result plan = cli.run("plan");
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("Upgrade from 6 to 9, 3 scripts:")
        .contains(
            "  V7__add_locale.sql\n"
                + "       1  ALTER TABLE users ADD COLUMN locale TEXT\n"
                + "          takes ACCESS EXCLUSIVE (reads and writes wait) on users (")
        .contains(
            "  V8__retire_display_name.sql  [contract step: declared: 2.3 reads locale only; the"
                + " operator holds it for older pods]\n"
                + "       2  UPDATE users SET locale = 'en' WHERE locale IS NULL\n"
                + "          takes ROW EXCLUSIVE, and a row lock on each row it changes until"
                + " commit on users (")
        .contains(
            "       1  CREATE INDEX messages_body ON messages (body)\n"
                + "          takes SHARE (writes wait until the index is built) on messages (")
        .contains("          WARNING index-without-concurrently: CREATE INDEX on an existing table")
        .contains("            fix: CREATE INDEX CONCURRENTLY")
        .contains("1 finding: 0 errors, 1 warning, 0 info");
    assertThat(cli.run("plan", "--fail-on", "warning").code()).isEqualTo(ExitCodes.LINT_FINDINGS);
    assertThat(cli.run("plan", "7").out()).contains("Upgrade from 6 to 7, 1 script:");

    JsonNode json = new ObjectMapper().readTree(cli.run("plan", "-o", "json").out());
    assertThat(json.get("direction").asText()).isEqualTo("UP");
    assertThat(json.get("scripts")).hasSize(3);
    assertThat(json.get("contractSteps").get(0).get("version").asText()).isEqualTo("8");
    assertThat(json.get("findings").get(0).get("rule").asText())
        .isEqualTo("index-without-concurrently");
    assertThat(json.get("statements")).hasSize(3);
    assertThat(json.get("statements").get(2).get("lock").asText()).startsWith("SHARE ");
    assertThat(json.get("statements").get(2).get("size").get("bytes").asLong()).isPositive();
    assertThat(json.get("statements").get(2).get("table").asText()).isEqualTo("messages");

    assertThat(cli.run("upgrade").code()).isZero();
    assertThat(cli.run("plan").out()).contains("Nothing to do: the database is at 9.");
    assertThat(cli.run("plan", "8").out())
        .isEqualTo(
            "Downgrade from 9 to 8, 1 script:\n  U9__index_body.sql (missing)\nUndo scripts are not"
                + " linted.\n");
  }

  @Test
  void sinceLintsABranchsScriptsWithoutADatabase() throws Exception {
    Path migrations = Bundles.copy(Databases.exampleMigrations(), dir.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V7__backfill.sql"), "UPDATE users SET display_name = username;\n");
    Cli cli =
        new Cli()
            .env("DATABASE_URL", "postgresql://app:pw@127.0.0.1:1/nowhere")
            .env("MIGRATIONS_DIR", migrations.toString());
    Result since = cli.run("lint", "--since", "6", "--fail-on", "warning");
    assertThat(since.code()).as(since.all()).isEqualTo(ExitCodes.LINT_FINDINGS);
    assertThat(since.out()).contains("update-without-where  V7__backfill.sql:1");
    Result all = cli.run("lint", "--all");
    assertThat(all.code()).as("every table of the example is new on an empty database").isZero();
    assertThat(all.out()).isEqualTo("No findings.\n");
  }

  @Test
  void allLintsWhatAnEmptyDatabaseRunsByFlywaysBaselineRules() throws Exception {
    Path migrations = Files.createDirectories(dir.resolve("squashed"));
    Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
    // Never run on an empty database: the baseline script replaces it.
    Files.writeString(migrations.resolve("V2__risky.sql"), "UPDATE a SET id = 0;\n");
    Files.writeString(
        migrations.resolve("B2__all.sql"), "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n");
    Files.writeString(migrations.resolve("V3__b.sql"), "CREATE INDEX b_id ON b (id);\n");
    Cli cli =
        new Cli()
            .env("DATABASE_URL", "postgresql://app:pw@127.0.0.1:1/nowhere")
            .env("MIGRATIONS_DIR", migrations.toString());
    Result all = cli.run("lint", "--all", "--fail-on", "warning");
    assertThat(all.code()).as(all.all()).isZero();
    assertThat(all.out()).isEqualTo("No findings.\n");
    Result since = cli.run("lint", "--since", "2", "--fail-on", "warning");
    assertThat(since.out())
        .as("a database with history ignores the baseline script")
        .contains("index-without-concurrently  V3__b.sql:1")
        .doesNotContain("B2__all.sql");
  }
}
