package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's development loop on the command line: change the schema you want, {@code create
 * --autogenerate}, review, {@code upgrade}; and the troubleshooting when nothing is detected.
 */
class AutogenerateCommandTest {
  @TempDir Path dir;
  private Path migrations;
  private Path schema;
  private Cli cli;

  @BeforeEach
  void sqliteProject() throws Exception {
    migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__users.sql"),
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, nickname TEXT);\n");
    schema = dir.resolve("schema.sql");
    Files.writeString(
        schema,
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
        CREATE INDEX users_email_idx ON users (email);
        CREATE TABLE posts (
          id INTEGER PRIMARY KEY,
          user_id INTEGER NOT NULL REFERENCES users (id),
          body TEXT NOT NULL CHECK (length(body) > 0)
        );
        CREATE VIEW user_posts AS SELECT users.name, posts.body FROM users JOIN posts ON posts.user_id = users.id;
        """);
    cli =
        new Cli()
            .env("DATABASE_URL", "sqlite:///" + dir.resolve("app.db"))
            .env("MIGRATIONS_DIR", migrations.toString());
    assertThat(cli.run("upgrade").code()).isZero();
  }

  @Test
  void theDevelopmentLoopWritesReviewsAndUpgrades() throws Exception {
    Result created =
        cli.run("create", "--autogenerate", "posts and emails", "--schema-file", schema.toString());

    assertThat(created.code()).as(created.all()).isZero();
    assertThat(created.out())
        .contains("Compared the migrations with " + schema)
        .contains("add table posts")
        .contains("add column users.email (TEXT)")
        .contains("drop column users.nickname")
        .contains("add index users.users_email_idx (email)")
        .contains("add view user_posts")
        .contains("V2__posts_and_emails.sql", "U2__posts_and_emails.sql")
        .contains("V3__posts_and_emails_contract.sql")
        .contains("Checked: V, then U, then V again")
        .contains(
            "if users.email is nickname renamed, replace its ADD COLUMN here and the DROP COLUMN"
                + " of the contract script with ALTER TABLE users RENAME COLUMN nickname TO email");
    assertThat(migrations.resolve("V2__posts_and_emails.sql")).exists();
    assertThat(Files.readString(migrations.resolve("V3__posts_and_emails_contract.sql")))
        .contains("-- schemagate:contract");

    Result upgraded = cli.run("upgrade");
    assertThat(upgraded.code()).as(upgraded.all()).isZero();
    assertThat(cli.run("current").out()).contains("3");

    Result again =
        cli.run("revision", "--autogenerate", "-m", "again", "--schema-file", schema.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out())
        .contains(
            "No difference between what the migrations build and " + schema + ": nothing written.")
        .contains("check that the file is saved")
        .contains("triggers, functions, grants and comments are not compared");
    try (var files = Files.list(migrations)) {
      assertThat(files.count()).isEqualTo(5);
    }
  }

  @Test
  void jsonListsTheFilesAndTheDifferences() throws Exception {
    Path development = dir.resolve("dev.db");
    Cli dev =
        new Cli()
            .env("DATABASE_URL", "sqlite:///" + development)
            .env("MIGRATIONS_DIR", migrations.toString());
    assertThat(dev.run("upgrade").code()).isZero();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + development);
        var s = c.createStatement()) {
      s.execute("ALTER TABLE users ADD COLUMN avatar TEXT");
    }

    Result json =
        cli.run(
            "create",
            "--autogenerate",
            "avatars",
            "--from-database",
            "sqlite:///" + development,
            "-o",
            "json");

    assertThat(json.code()).as(json.all()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("written").asBoolean()).isTrue();
    assertThat(report.get("differences").get(0).get("description").asText())
        .isEqualTo("add column users.avatar (TEXT)");
    assertThat(report.get("files").get(0).get("migration").asText())
        .isEqualTo(migrations.resolve("V2__avatars.sql").toString());
    assertThat(report.get("files").get(0).get("phase").asText()).isEqualTo("expand");
    assertThat(report.get("roundTrip")).isEmpty();
  }

  @Test
  void eachMistakeGetsOneLineAndItsExitCode() throws Exception {
    Result none = cli.run("create", "--autogenerate", "x");
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("--autogenerate takes one schema to compare with");

    Result two =
        cli.run(
            "create",
            "--autogenerate",
            "x",
            "--schema-file",
            schema.toString(),
            "--from-database",
            "sqlite:///" + dir.resolve("d.db"));
    assertThat(two.code()).isEqualTo(ExitCodes.USAGE);

    Result packagesMissing = cli.run("create", "--autogenerate", "x", "--entities", dir.toString());
    assertThat(packagesMissing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(packagesMissing.err()).contains("--entities and --packages go together");

    Result missing =
        cli.run(
            "create", "--autogenerate", "x", "--schema-file", dir.resolve("nope.sql").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(missing.err().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .contains("nope.sql does not exist");

    Path broken = dir.resolve("broken.sql");
    Files.writeString(broken, "CREATE TABLE users (id INTEGER PRIMARY KEY,\n");
    Result wrong = cli.run("create", "--autogenerate", "x", "--schema-file", broken.toString());
    assertThat(wrong.code()).as(wrong.all()).isEqualTo(ExitCodes.MIGRATION_FAILED);
    assertThat(wrong.err()).contains(broken + " does not apply on a scratch sqlite database");
    assertThat(wrong.err()).doesNotContain("\tat ");

    Result noEntities =
        cli.run(
            "create",
            "--autogenerate",
            "x",
            "--entities",
            dir.toString(),
            "--packages",
            "com.example");
    assertThat(noEntities.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(noEntities.err()).contains("No @Entity class found in the packages com.example");

    Result noServer =
        new Cli()
            .env("DATABASE_URL", "postgresql://app@127.0.0.1:1/shop")
            .env("MIGRATIONS_DIR", migrations.toString())
            .run(
                "create",
                "--autogenerate",
                "x",
                "--schema-file",
                schema.toString(),
                "--scratch-url",
                "postgresql://postgres:Sup3rSecretPw@127.0.0.1:1/postgres");
    assertThat(noServer.code()).as(noServer.all()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(noServer.err()).startsWith("error: Cannot make a scratch database");
    assertThat(noServer.err().strip().lines()).hasSize(1);
    assertThat(noServer.all()).doesNotContain("Sup3rSecretPw");

    try (var files = Files.list(migrations)) {
      assertThat(files.count()).as("nothing written by a mistake").isEqualTo(1);
    }
  }
}
