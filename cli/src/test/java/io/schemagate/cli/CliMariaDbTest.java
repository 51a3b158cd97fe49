package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a server with real authentication and non-transactional DDL can show. */
class CliMariaDbTest {
  private static final String PASSWORD = "Mdb-Secret-Pw-9137";

  @TempDir Path migrations;
  private TestDatabase db;
  private String user;

  @BeforeEach
  void createUser() throws Exception {
    db = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(db);
    String schema = db.url().substring(db.url().lastIndexOf('/') + 1);
    user = "u_" + schema;
    db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
    db.execute("GRANT ALL ON " + schema + ".* TO '" + user + "'@'%'");
  }

  private Cli cli(String password) {
    String schema = db.url().substring(db.url().lastIndexOf('/') + 1);
    return new Cli()
        .env("DATABASE_URL", "mariadb://127.0.0.1:3306/" + schema)
        .env("DATABASE_USER", user)
        .env("DATABASE_PASSWORD", password)
        .env("MIGRATIONS_DIR", migrations.toString());
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsAPassword() throws Exception {
    Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
    Result result = cli("Wrong-Pw-5521").run("status");
    assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.AUTHENTICATION_FAILED);
    assertThat(result.err())
        .contains("Authentication failed on mariadb://127.0.0.1:3306/")
        .contains("for user '" + user + "'");
    assertThat(result.all()).doesNotContain("Wrong-Pw-5521").doesNotContain(PASSWORD);
    assertThat(cli(PASSWORD).run("status").code()).isZero();
  }

  @Test
  void aFailedMigrationNeedsRepairAndTheDocumentedRecoveryWorks() throws Exception {
    Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
    Files.writeString(
        migrations.resolve("V2__b.sql"),
        "CREATE TABLE b (id INT);\nINSERT INTO nowhere VALUES (1);\n");
    Result failed = cli(PASSWORD).run("upgrade");
    assertThat(failed.code()).as(failed.all()).isEqualTo(ExitCodes.MIGRATION_FAILED);
    assertThat(failed.err())
        .contains("Migration V2__b.sql failed at line 2")
        .contains("MySQL/MariaDB cannot roll back DDL")
        .contains("run `repair`");

    Result blocked = cli(PASSWORD).run("upgrade");
    assertThat(blocked.code()).isEqualTo(ExitCodes.REPAIR_NEEDED);
    assertThat(blocked.err()).contains("V2__b.sql failed earlier").contains("`repair`");
    assertThat(cli(PASSWORD).run("check").code()).isEqualTo(ExitCodes.REPAIR_NEEDED);
    assertThat(cli(PASSWORD).run("status").out()).contains("Failed:", "V2__b.sql");

    // Recovery: undo what the failed script did, fix the script, repair, upgrade.
    db.execute("DROP TABLE b");
    Files.writeString(migrations.resolve("V2__b.sql"), "CREATE TABLE b (id INT);\n");
    assertThat(cli(PASSWORD).run("repair").out()).contains("removed failed row of version 2");
    Result upgraded = cli(PASSWORD).run("upgrade");
    assertThat(upgraded.code()).as(upgraded.all()).isZero();
    assertThat(cli(PASSWORD).run("current").out().strip()).isEqualTo("2 (head)");
    assertThat(db.tables()).contains("a", "b");
  }
}
