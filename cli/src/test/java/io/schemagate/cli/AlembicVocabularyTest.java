package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Bundles;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alembic's and Flyway's words on the command line, with their meaning where Flyway allows it. */
class AlembicVocabularyTest {
  @TempDir Path dir;
  private Path migrations;
  private Cli cli;

  @BeforeEach
  void exampleBundleOnSqlite() throws Exception {
    migrations = dir.resolve("migrations");
    Bundles.copy(Databases.exampleMigrations(), migrations);
    cli =
        new Cli()
            .env("DATABASE_URL", "sqlite:///" + dir.resolve("app.db"))
            .env("MIGRATIONS_DIR", migrations.toString());
  }

  private Result ok(String... args) {
    Result result = cli.run(args);
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.all()).isZero();
    return result;
  }

  @Test
  void relativeStepsHeadAndBase() {
    assertThat(ok("upgrade", "+2").out())
        .contains("Upgraded from an empty history to 2: 2 migrations");
    assertThat(ok("upgrade", "+1").out()).contains("Upgraded from 2 to 3");
    Result tooFar = cli.run("upgrade", "+4");
    assertThat(tooFar.code()).isEqualTo(ExitCodes.TARGET_NOT_FOUND);
    assertThat(tooFar.err()).contains("upgrade +4: only 3 versioned migrations are pending");
    assertThat(cli.run("upgrade", "+0").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(ok("show", "head").out()).contains("Version:      6", "State:        Pending");
    assertThat(ok("show", "base").out()).contains("base (the schema before the first migration)");
    assertThat(ok("downgrade", "-1").out()).contains("Downgraded from 3 to 2: 1 undo script");
    assertThat(ok("upgrade", "head").out()).contains("Upgraded from 2 to 6");
    assertThat(ok("current").out().strip()).isEqualTo("6 (head)");
  }

  @Test
  void currentVerboseNamesTheDatabaseAndTheScript() {
    ok("upgrade", "4");
    assertThat(ok("current", "--verbose").out())
        .contains("Current version of sqlite:///" + dir.resolve("app.db"))
        .contains("Version:      4 (2 pending, head 6)")
        .contains("Script:       V4__create_user_preferences.sql")
        .contains("Installed:    ");
  }

  @Test
  void stampHeadRecordsEveryVersionWithoutRunningOne() throws Exception {
    assertThat(ok("stamp", "head").out()).contains("the history now says 6 (was (none))");
    assertThat(ok("current").out().strip()).isEqualTo("6 (head)");
    assertThat(dir.resolve("app.db")).exists();
    assertThat(ok("history").out()).contains("<< schemagate stamp >>  BASELINE");
  }

  @Test
  void anArgumentThatCouldBeStepsOrAVersionIsRefusedWithBothReadings() throws Exception {
    ok("upgrade");
    Result zeros = cli.run("downgrade", "0005");
    assertThat(zeros.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(zeros.err().lines()).hasSize(1);
    assertThat(zeros.err())
        .contains("'0005' could mean 5 steps back (runs U6__add_message_reactions.sql,")
        .contains("U2__create_conversations.sql)")
        .contains("or back to version 5 (runs U6__add_message_reactions.sql)")
        .contains("downgrade -5 for steps, or downgrade V5 (--to 5) for the version");
    Result dotted = cli.run("downgrade", "1.5");
    assertThat(dotted.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(dotted.err())
        .contains(
            "'1.5' reads as back to version 1.5 (impossible: Version 1.5 is not in the bundle")
        .contains("a bare number is a count of steps here");
    assertThat(ok("current").out().strip()).as("nothing was undone").isEqualTo("6 (head)");
  }

  @Test
  void goingDownMoreThanOneStepAsks() {
    ok("upgrade");
    Result script = cli.run("downgrade", "2");
    assertThat(script.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(script.err().lines()).hasSize(1);
    assertThat(script.err())
        .contains("downgrade 2 would revert 2 migrations (U6__add_message_reactions.sql,")
        .contains("nothing was changed (type yes, or add --yes for scripts)");

    Result declined = cli.terminal().input("no\n").run("downgrade", "V3");
    assertThat(declined.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(declined.err())
        .contains("downgrade V3 reverts 3 migrations, newest first:")
        .contains("  U6__add_message_reactions.sql\n  U5__add_read_receipts.sql\n")
        .contains("Type 'yes' to continue:");
    assertThat(ok("current").out().strip()).isEqualTo("6 (head)");

    Result confirmed = cli.input("yes\n").run("downgrade", "V3");
    assertThat(confirmed.code()).as(confirmed.all()).isZero();
    assertThat(confirmed.out()).contains("Downgraded from 6 to 3: 3 undo scripts");
    assertThat(ok("downgrade", "1").out()).as("one step asks nothing").contains("from 3 to 2");
    assertThat(
            new Cli()
                .env("DATABASE_URL", "sqlite:///" + dir.resolve("app.db"))
                .env("MIGRATIONS_DIR", migrations.toString())
                .run("downgrade", "base", "--yes")
                .out())
        .contains("Downgraded from 2 to (none)");
  }

  @Test
  void flywaysCommandNamesRunTheSameCommands() {
    assertThat(ok("info").out()).contains("Pending:   6");
    assertThat(ok("migrate", "2").out()).contains("Upgraded from an empty history to 2");
    assertThat(ok("undo").out()).contains("Downgraded from 2 to 1");
    assertThat(ok("validate").out()).contains("Valid");
    assertThat(ok("repair").out()).contains("Nothing to repair");
    Result clean = cli.run("clean");
    assertThat(clean.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(clean.err()).contains("clean of sqlite:///").contains("not confirmed");
    assertThat(ok("clean", "--yes").out()).contains("Cleaned main.");
    assertThat(ok("baseline").out()).as("Flyway's baselineVersion, 1").contains("now says 1");
  }

  @Test
  void createTakesAlembicsMessageAndTheOldFolderOptionIsNamed() throws Exception {
    Result created = ok("revision", "-m", "Add avatars");
    assertThat(created.out()).contains("Created version 7:", "V7__add_avatars.sql");
    assertThat(migrations.resolve("V7__add_avatars.sql")).exists();

    Result both = cli.run("create", "Add avatars", "-m", "Start feature");
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err().lines()).hasSize(1);
    assertThat(both.err())
        .contains("give the description once")
        .contains("the migrations folder is --migrations-dir now, not -m");
    assertThat(dir.resolve("Start feature")).doesNotExist();

    Result folder = cli.run("status", "-m", migrations.toString());
    assertThat(folder.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(folder.err())
        .contains("-m is the message of create and revision, as in Alembic")
        .contains("--migrations-dir or MIGRATIONS_DIR")
        .contains("(usage: schemagate status [OPTIONS];");
  }

  @Test
  void branchesThatCollideAreShownAndMergedAfterHead() throws Exception {
    ok("upgrade");
    Result labelled = ok("revision", "--branch-label", "feature_branch", "-m", "Start feature");
    assertThat(labelled.out()).contains("Branch label feature_branch noted");
    assertThat(Files.readString(migrations.resolve("V7__start_feature.sql")))
        .contains("-- branch: feature_branch");
    // The main line's V7, as a merge of another branch brings it.
    Files.writeString(
        migrations.resolve("V7__add_avatars.sql"), "CREATE TABLE avatars (id INT);\n");
    Files.writeString(migrations.resolve("U7__add_avatars.sql"), "DROP TABLE avatars;\n");
    // A script numbered below the applied version, from a branch that started long ago.
    Files.writeString(
        migrations.resolve("V3_1__late_index.sql"), "CREATE INDEX late ON users (email);\n");

    // The head is the highest version off every branch; the branches' tips follow it.
    assertThat(ok("heads").out())
        .startsWith("6 (head)\n")
        .contains("3.1 (branch) V3_1__late_index.sql")
        .contains("7 (branch) V7__add_avatars.sql")
        .contains("7 (branch) V7__start_feature.sql");
    assertThat(ok("branches").out())
        .contains("3.1: arrived after 6 was applied; merge renumbers it after head")
        .contains("7: 2 scripts share version 7; merge renumbers the unapplied ones after head")
        .contains("  V7__start_feature.sql [branch feature_branch]");
    assertThat(cli.run("upgrade").code()).as("the bundle is refused").isEqualTo(9);

    Result merged = ok("merge", "-m", "Merge feature branch", "feature_branch", "main");
    assertThat(merged.out())
        .contains("renamed V3_1__late_index.sql -> V8__late_index.sql")
        .contains("renamed V7__start_feature.sql -> V9__start_feature.sql")
        .contains("renamed U7__start_feature.sql -> U9__start_feature.sql")
        .contains(
            "Merged: 3 files renamed after head; the history is linear (Merge feature branch).");
    assertThat(ok("branches").out()).contains("No branches: the history is linear.");
    assertThat(ok("upgrade").out()).contains("Upgraded from 6 to 9: 3 migrations");
    assertThat(ok("merge").out()).contains("nothing renamed");
  }

  @Test
  void aCollisionThatNothingDecidesIsRefusedNamingBoth() throws Exception {
    Files.writeString(migrations.resolve("V7__a.sql"), "CREATE TABLE a7 (id INT);\n");
    Files.writeString(migrations.resolve("V7__b.sql"), "CREATE TABLE b7 (id INT);\n");
    Result refused = cli.run("merge");
    assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(refused.err())
        .contains("V7__a.sql and V7__b.sql share version 7 and none is applied")
        .contains("merge V7__b.sql");
    assertThat(migrations.resolve("V7__a.sql")).exists();
    assertThat(ok("merge", "V7__a.sql").out()).contains("renamed V7__a.sql -> V8__a.sql");
  }

  @Test
  void aSchemaAlembicManagedIsNamedWithItsRevision() throws Exception {
    TestDatabase db = Databases.postgres();
    db.execute("CREATE TABLE users (id INT)");
    db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
    db.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')");
    Cli postgres = cli.env("DATABASE_URL", db.url());
    Result status = postgres.run("status");
    assertThat(status.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(status.out())
        .contains("already holds tables but has no schema history table")
        .contains("alembic_version holds revision ae1027a6acf")
        .contains("`stamp <version>`");
    Result upgrade = postgres.run("upgrade");
    assertThat(upgrade.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(upgrade.err()).contains("alembic_version holds revision ae1027a6acf");
    assertThat(postgres.run("stamp", "1").code()).isZero();
    assertThat(postgres.run("status").out()).contains("Status:    5 pending; run `upgrade`");
  }
}
