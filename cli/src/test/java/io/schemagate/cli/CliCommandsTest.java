package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every seed command against every supported database, with its output and exit code. */
class CliCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<TestDatabase> databases() {
    return Databases.all().stream();
  }

  private static Cli cli(TestDatabase db) {
    Databases.assumeAvailable(db);
    return new Cli()
        .env("DATABASE_URL", db.url())
        .env("MIGRATIONS_DIR", Databases.exampleMigrations().toString());
  }

  private static Result ok(Cli cli, String... args) {
    Result result = cli.run(args);
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.all()).isZero();
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theSeedCommandsWork(TestDatabase db) throws Exception {
    Cli cli = cli(db);
    Result pending = cli.run("check");
    assertThat(pending.code()).isEqualTo(ExitCodes.PENDING);
    assertThat(pending.out()).contains("6 pending; run `upgrade`");

    Result up = ok(cli, "upgrade", "3");
    assertThat(up.out())
        .contains("applied V1__create_users.sql (")
        .contains("applied V3__create_messages.sql (")
        .contains("Upgraded from an empty history to 3: 3 migrations");
    assertThat(ok(cli, "current").out().strip()).isEqualTo("3");
    assertThat(ok(cli, "status").out())
        .contains("Current:   3 (3 applied)")
        .contains("Pending:   3")
        .contains("V4__create_user_preferences.sql");
    JsonNode status = JSON.readTree(ok(cli, "status", "--output", "json").out());
    assertThat(status.get("currentVersion").asText()).isEqualTo("3");
    assertThat(status.get("pending")).hasSize(3);
    assertThat(status.get("bundleDigest").asText()).startsWith("sha256:");

    ok(cli, "upgrade");
    assertThat(cli.run("check").code()).isEqualTo(ExitCodes.OK);
    assertThat(ok(cli, "current").out().strip()).isEqualTo("6 (head)");
    assertThat(ok(cli, "upgrade").out()).contains("Already at version 6; nothing to apply.");

    String history = ok(cli, "history").out();
    assertThat(history).contains("VERSION", "create users", "add message reactions", "Success");
    assertThat(ok(cli, "history", "--verbose").out())
        .contains("CHECKSUM", "V6__add_message_reactions.sql");
    assertThat(JSON.readTree(ok(cli, "history", "-o", "json").out())).hasSize(6);

    Result show = ok(cli, "show", "3");
    assertThat(show.out())
        .contains("Script:       V3__create_messages.sql")
        .contains("Undo script:  U3__create_messages.sql")
        .contains("CREATE TABLE messages")
        .contains("DROP TABLE messages");
    assertThat(JSON.readTree(ok(cli, "show", "V3", "-o", "json").out()).get("state").asText())
        .isEqualTo("Success");

    assertThat(ok(cli, "downgrade", "2", "--yes").out())
        .contains("undone  U6__add_message_reactions.sql")
        .contains("Downgraded from 6 to 4: 2 undo scripts");
    assertThat(ok(cli, "downgrade", "--to", "2", "--yes").out()).contains("Downgraded from 4 to 2");
    assertThat(ok(cli, "downgrade", "V1").out()).contains("Downgraded from 2 to 1");
    assertThat(cli.run("check").code()).isEqualTo(ExitCodes.PENDING);
    ok(cli, "upgrade");
    assertThat(ok(cli, "current").out().strip()).isEqualTo("6 (head)");
    assertThat(ok(cli, "validate").out()).contains("Valid: the history matches the bundle.");
    assertThat(ok(cli, "repair").out()).contains("Nothing to repair.");
    assertThat(ok(cli, "history").out()).contains("DELETE", "Undone");

    Result refused = cli.run("reset");
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).contains("not confirmed; nothing was changed");
    assertThat(db.tables()).contains("messages");

    Result reset = cli.input("yes\n").run("reset");
    assertThat(reset.code()).as(reset.all()).isZero();
    assertThat(reset.out()).contains("Cleaned").contains("Upgraded from an empty history to 6");
    assertThat(ok(cli, "downgrade", "base").out()).contains("Downgraded from 6 to (none)");
    assertThat(db.tables()).doesNotContain("users", "messages");
    ok(cli, "reset", "--yes");
    assertThat(ok(cli, "current").out().strip()).isEqualTo("6 (head)");
  }
}
