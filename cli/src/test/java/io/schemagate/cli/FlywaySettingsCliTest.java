package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Flyway project's settings on the command line: its file, FLYWAY_* variables and --flyway. */
class FlywaySettingsCliTest {
  @TempDir Path folder;

  @Test
  void theFoldersFlywayConfAndFlywayVariablesAreReadAndStatusExitsAsCheckDoes() throws Exception {
    TestDatabase db = Databases.sqlite();
    Files.writeString(folder.resolve("flyway.conf"), "flyway.table=project_history\n");
    Files.writeString(folder.resolve("M1__notes.sql"), "CREATE TABLE notes (id INTEGER);\n");
    Files.writeString(folder.resolve("M2__first.sql"), "INSERT INTO notes VALUES (1);\n");
    Files.writeString(folder.resolve("M3__second.sql"), "INSERT INTO notes VALUES (2);\n");
    Cli cli =
        new Cli()
            .env("FLYWAY_URL", db.url())
            .env("FLYWAY_LOCATIONS", "filesystem:" + folder)
            .env("FLYWAY_SQL_MIGRATION_PREFIX", "M");
    assertThat(cli.run("upgrade").code()).isZero();
    assertThat(db.queryOne("SELECT count(*) FROM project_history")).isEqualTo(3);

    // A script deleted after it ran: status and check exit 6, until the pattern lets it pass.
    Files.delete(folder.resolve("M2__first.sql"));
    Result drift = cli.run("status");
    assertThat(drift.code()).isEqualTo(ExitCodes.CHECKSUM_MISMATCH);
    assertThat(drift.all()).contains("M2__first.sql", "*:missing");
    assertThat(cli.run("check").code()).isEqualTo(ExitCodes.CHECKSUM_MISMATCH);
    assertThat(cli.run("status", "--flyway", "ignoreMigrationPatterns=*:missing").code()).isZero();
    assertThat(cli.run("check", "--flyway", "ignoreMigrationPatterns=*:missing").code()).isZero();
  }

  @Test
  void aRefusedSettingIsOneLineNamingWhereItWasWritten() throws Exception {
    TestDatabase db = Databases.sqlite();
    Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER);\n");
    Cli cli = new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", folder.toString());
    Result refused = cli.run("upgrade", "--flyway", "initSql=SET x = 1");
    assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(refused.err()).contains("--flyway initSql: not supported, because it would run");
    Result unknown = cli.env("FLYWAY_CLEAN_DISABLED", "false").run("status");
    assertThat(unknown.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(unknown.err()).contains("FLYWAY_CLEAN_DISABLED: not supported");
  }
}
