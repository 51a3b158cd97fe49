package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseKind;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input gets one clear message, its own exit code, no stack trace, and loses nothing. */
class CliBadInputTest {
  @TempDir Path dir;

  private Cli sqlite() {
    return new Cli()
        .env("DATABASE_URL", "sqlite:///" + dir.resolve("app.db"))
        .env("MIGRATIONS_DIR", dir.resolve("migrations").toString());
  }

  private void script(String name, String text) throws Exception {
    Path file = dir.resolve("migrations").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void assertClean(Result result, int code, String... fragments) {
    assertThat(result.code()).as(result.all()).isEqualTo(code);
    assertThat(result.err()).startsWith("error: ").contains(fragments);
    assertThat(result.all()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void anUnsupportedUrlListsTheSupportedOnes() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    Result result = sqlite().env("DATABASE_URL", "oracle://scott:tiger@db/orcl").run("status");
    assertClean(
        result,
        ExitCodes.INVALID_CONFIGURATION,
        "Unsupported database URL scheme 'oracle'",
        "postgresql://");
    assertThat(result.all()).doesNotContain("tiger");
  }

  @Test
  void aMissingFolderIsNamed() {
    assertClean(
        sqlite().run("upgrade"), ExitCodes.INVALID_CONFIGURATION, "migrations", "does not exist");
  }

  @Test
  void anInvalidBundleListsEveryProblem() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    script("V1__b.sql", "CREATE TABLE b (id INT);");
    script("V2_no_separator.sql", "CREATE TABLE c (id INT);");
    assertClean(
        sqlite().run("upgrade"),
        ExitCodes.INVALID_CONFIGURATION,
        "V2_no_separator.sql: the name does not follow Flyway naming",
        "version 1 is also used by");
  }

  @Test
  void aSqlErrorNamesTheScriptAndTheLineAndKeepsWhatWasApplied() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    script("V2__b.sql", "CREATE TABLE b (id INT);\n\nSELEC broken FROM nowhere;\n");
    Result result = sqlite().run("upgrade");
    assertClean(
        result, ExitCodes.MIGRATION_FAILED, "Migration V2__b.sql failed at line 3", "rolled back");
    assertThat(result.out()).contains("applied V1__a.sql");
    assertThat(sqlite().run("current").out().strip()).isEqualTo("1");
  }

  @Test
  void anEditedAppliedScriptIsReportedByName() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    assertThat(sqlite().run("upgrade").code()).isZero();
    script("V1__a.sql", "CREATE TABLE a (id INT, extra INT);");
    script("V2__b.sql", "CREATE TABLE b (id INT);");
    Result validate = sqlite().run("validate");
    assertThat(validate.code()).isEqualTo(ExitCodes.CHECKSUM_MISMATCH);
    assertThat(validate.out()).contains("V1__a.sql changed since it was applied");
    assertClean(
        sqlite().run("upgrade"),
        ExitCodes.CHECKSUM_MISMATCH,
        "V1__a.sql changed since it was applied");
    assertThat(sqlite().run("check").code()).isEqualTo(ExitCodes.CHECKSUM_MISMATCH);
    assertThat(sqlite().run("repair").out()).contains("realigned checksum of version 1");
    assertThat(sqlite().run("upgrade").code()).isZero();
  }

  @Test
  void aDowngradeWithoutUndoScriptsIsRefusedAndChangesNothing() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    script("V2__b.sql", "CREATE TABLE b (id INT);");
    assertThat(sqlite().run("upgrade").code()).isZero();
    assertClean(sqlite().run("downgrade", "1"), ExitCodes.REFUSED, "no undo script for U2__b.sql");
    assertThat(sqlite().run("current").out().strip()).isEqualTo("2 (head)");
  }

  @Test
  void anUnknownTargetListsTheVersions() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    assertClean(
        sqlite().run("upgrade", "9"),
        ExitCodes.TARGET_NOT_FOUND,
        "Version 9 is not in the bundle; its versions are 1");
    assertClean(sqlite().run("upgrade", "banana"), ExitCodes.USAGE, "'banana' is not a version");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    assertThat(sqlite().run("downgrade").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(sqlite().run("downgrade", "sideways").err())
        .contains("neither a number of steps nor a version");
    assertThat(sqlite().run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(sqlite().run("status", "--output", "yaml").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(sqlite().run("status", "--lock-timeout", "soon").err())
        .contains("is not a duration");
    assertThat(sqlite().run("--help").out())
        .contains("Exit codes:", "upgrade", "downgrade", "auto-upgrade");
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    Result result =
        sqlite()
            .env("DATABASE_URL", "postgresql://app:Unreachable-Pw-77@127.0.0.1:1/app")
            .run("status", "--connect-timeout", "2s");
    assertClean(
        result,
        ExitCodes.UNREACHABLE,
        "Cannot reach the database at postgresql://app:***@127.0.0.1:1/app");
    assertThat(result.all()).doesNotContain("Unreachable-Pw-77");
  }

  @Test
  void debugShowsTheStackTrace() throws Exception {
    script("V1__a.sql", "SELEC 1;");
    Result result = sqlite().run("upgrade", "--debug");
    assertThat(result.code()).isEqualTo(ExitCodes.MIGRATION_FAILED);
    assertThat(result.err()).contains("\tat ");
  }

  @Test
  void aSqliteFileLockedByAnotherProgramIsNamedAfterTheWait() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    assertThat(sqlite().run("upgrade").code()).isZero();
    script("V2__b.sql", "CREATE TABLE b (id INT);");
    TestDatabase db =
        new TestDatabase("sqlite", DatabaseKind.SQLITE, "sqlite:///" + dir.resolve("app.db"));
    try (Connection holder = db.connect();
        Statement statement = holder.createStatement()) {
      holder.setAutoCommit(false);
      statement.execute("INSERT INTO a VALUES (1)");
      Result result = sqlite().run("upgrade", "--lock-timeout", "1s");
      assertClean(
          result,
          ExitCodes.LOCKED,
          "The SQLite database file " + dir.resolve("app.db"),
          "is locked by another process");
      holder.rollback();
    }
    assertThat(sqlite().run("upgrade").out()).contains("applied V2__b.sql");
  }

  @Test
  void anH2FileOpenInAnotherProcessIsReportedAsLocked() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    String url = "h2:file:" + dir.resolve("h2db");
    TestDatabase db = new TestDatabase("h2", DatabaseKind.H2, url);
    try (Connection holder = db.connect()) {
      CliProcess other =
          CliProcess.start(
              Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", dir.resolve("migrations").toString()),
              "upgrade");
      assertThat(other.exitCode()).as(other.output()).isEqualTo(ExitCodes.LOCKED);
      assertThat(other.output()).contains("is open in another process");
    }
  }

  @Test
  void anExistingSchemaWithoutHistoryPointsToStamp() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    TestDatabase db =
        new TestDatabase("sqlite", DatabaseKind.SQLITE, "sqlite:///" + dir.resolve("app.db"));
    db.execute("CREATE TABLE legacy (id INT)");
    assertClean(
        sqlite().run("upgrade"),
        ExitCodes.REFUSED,
        "already holds tables but has no schema history table",
        "stamp <version>");
    assertThat(db.tables()).containsExactly("legacy");
  }

  @Test
  void createWritesTheNextPairAndTimestampVersions() throws Exception {
    Result first = sqlite().run("create", "Create users");
    assertThat(first.code()).as(first.all()).isZero();
    assertThat(dir.resolve("migrations/V1__create_users.sql")).exists();
    assertThat(dir.resolve("migrations/U1__create_users.sql")).exists();
    script("V1__create_users.sql", "CREATE TABLE users (id INT);");
    script("U1__create_users.sql", "DROP TABLE users;");
    assertThat(sqlite().run("create", "Add avatars to users!").out()).contains("Created version 2");
    assertThat(dir.resolve("migrations/V2__add_avatars_to_users.sql")).exists();
    assertThat(dir.resolve("migrations/U2__add_avatars_to_users.sql")).exists();
    Result stamped = sqlite().run("create", "branch work", "--timestamp");
    assertThat(stamped.out()).containsPattern("Created version 20\\d{12}");
    try (Stream<Path> files = Files.list(dir.resolve("migrations"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("V20\\d{12}__branch_work\\.sql"))
          .anyMatch(n -> n.matches("U20\\d{12}__branch_work\\.sql"));
    }
    assertClean(
        sqlite().run("create", "!!!"), ExitCodes.INVALID_CONFIGURATION, "has no letters or digits");
  }

  @Test
  void autoUpgradeFollowsTheSwitch() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    Result off = sqlite().env("AUTO_MIGRATE_ON_STARTUP", "false").run("auto-upgrade");
    assertThat(off.code()).isZero();
    assertThat(off.out()).contains("AUTO_MIGRATE_ON_STARTUP is false: not upgrading.");
    assertThat(sqlite().run("check").code()).isEqualTo(ExitCodes.PENDING);
    assertThat(sqlite().run("auto-upgrade").out()).contains("Upgraded from an empty history to 1");
    assertThat(sqlite().run("check").code()).isZero();
  }

  @Test
  void stampRecordsAVersionWithoutRunningIt() throws Exception {
    script("V1__a.sql", "CREATE TABLE a (id INT);");
    script("V2__b.sql", "CREATE TABLE b (id INT);");
    Result stamped = sqlite().run("stamp", "1");
    assertThat(stamped.code()).as(stamped.all()).isZero();
    assertThat(stamped.out()).contains("the history now says 1 (was (none)). No script was run.");
    assertThat(sqlite().run("upgrade").out())
        .contains("applied V2__b.sql")
        .doesNotContain("V1__a.sql");
  }
}
