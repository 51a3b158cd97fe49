package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Bundles;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code baseline} and {@code stamp} never rewrite a live history by surprise: baseline is refused
 * on a history with migrations, as Flyway's is; a stamp that goes down, or a bare stamp on a live
 * history, shows the change and asks, and leaves the history as it was when not confirmed.
 */
class HistoryRewriteTest {
  @TempDir Path dir;

  static Stream<String> kinds() {
    return Stream.of("postgresql", "mariadb", "sqlite");
  }

  private Cli cli(TestDatabase db) throws Exception {
    Path migrations = dir.resolve("migrations");
    if (!java.nio.file.Files.isDirectory(migrations)) {
      Bundles.copy(Databases.exampleMigrations(), migrations);
    }
    return new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", migrations.toString());
  }

  private static Result ok(Cli cli, String... args) {
    Result result = cli.run(args);
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.all()).isZero();
    return result;
  }

  private static String current(Cli cli) {
    return ok(cli, "current").out().strip();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void baselineIsRefusedOnALiveHistoryAndLeavesItAsItWas(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    ok(cli, "upgrade");

    Result refused = cli.run("baseline");
    assertThat(refused.code()).as(refused.all()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(refused.err())
        .contains("baseline only marks a database without history")
        .contains("already records version 6 (6 rows); nothing was changed")
        .contains("use stamp VERSION");
    assertThat(current(cli)).isEqualTo("6 (head)");
    assertThat(ok(cli, "history").out()).doesNotContain("BASELINE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void baselineMarksADatabaseWithoutHistoryOnceAndAgainIsNoChange(String kind) throws Exception {
    TestDatabase db = Databases.fresh(kind);
    db.execute("CREATE TABLE users (id INT)");
    Cli cli = cli(db);
    assertThat(ok(cli, "baseline").out())
        .contains("Baselined: the history now says 1. No script was run.");
    assertThat(ok(cli, "baseline").out())
        .contains("already has its baseline at 1; nothing changed");
    Result other = cli.run("baseline", "2");
    assertThat(other.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(other.err()).contains("already records version 1 (1 row)");
    assertThat(ok(cli, "history").out()).contains("<< Flyway Baseline >>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aStampThatGoesDownAsksAndIsRefusedUnconfirmed(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    ok(cli, "upgrade");

    Result refused = cli.run("stamp", "3");
    assertThat(refused.code()).as(refused.all()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .contains("stamp 3 would move the history from 6 to 3, recording")
        .contains("V6__add_message_reactions.sql, V5__add_read_receipts.sql,")
        .contains("nothing was changed (type yes, or add --yes for scripts)");
    assertThat(current(cli)).isEqualTo("6 (head)");

    Result asked = cli.terminal().input("no\n").run("stamp", "3");
    assertThat(asked.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(asked.err())
        .contains("stamp 3 records version 3 in place of 6 without running any script:")
        .contains(
            "  recorded as removed (its undo script does not run): V6__add_message_reactions.sql")
        .contains("Type 'yes' to continue: ");
    assertThat(current(cli)).isEqualTo("6 (head)");

    // What `yes |` sends.
    Cli piped = cli(Databases.fresh(kind)).input("y\ny\n");
    ok(piped, "upgrade");
    assertThat(ok(piped, "stamp", "3").out()).contains("the history now says 3 (was 6)");
    assertThat(ok(piped, "stamp", "6").out())
        .as("going up asks nothing")
        .contains("the history now says 6 (was 3)");
    assertThat(ok(cli, "stamp", "4", "--yes").out()).contains("the history now says 4 (was 6)");
    assertThat(ok(cli, "status").out()).contains("2 pending");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aBareStampOnALiveHistoryAsks(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    ok(cli, "upgrade", "2");
    Result refused = cli.run("stamp");
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .contains("stamp (baselineVersion 1) would move the history from 2 to 1, recording")
        .contains("V2__create_conversations.sql as removed");
    assertThat(current(cli)).isEqualTo("2");
    assertThat(ok(cli, "stamp", "2").out())
        .contains("Nothing to stamp: the history already says 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void pipedYesConfirmsADowngrade(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    ok(cli, "upgrade");
    Result downgraded = cli.input("y\ny\ny\n").run("downgrade", "2");
    assertThat(downgraded.code()).as(downgraded.all()).isZero();
    assertThat(current(cli)).isEqualTo("4");
  }
}
