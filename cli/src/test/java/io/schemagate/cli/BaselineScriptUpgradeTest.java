package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A release that adds a baseline script ({@code B1_20_0}) next to later V scripts, against a
 * database an older release migrated to 1.12.37: by Flyway's rules the B script is for fresh
 * databases only, so every command agrees that the V scripts above 1.12.37 are what runs. And
 * {@code lint} never passes an upgrade the engine refuses.
 */
class BaselineScriptUpgradeTest {
  @TempDir Path dir;

  static Stream<String> kinds() {
    return Stream.of("postgresql", "mariadb");
  }

  private Path migrations;

  private Cli cli(TestDatabase db) throws Exception {
    migrations = dir.resolve("migrations");
    Files.createDirectories(migrations);
    write("V1_0__customers.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);");
    write("V1_12_37__customer_name.sql", "ALTER TABLE customers ADD COLUMN name VARCHAR(100);");
    return new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", migrations.toString());
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(migrations.resolve(name), text + "\n");
  }

  private void nextRelease() throws Exception {
    write("V1_20_0__invoices.sql", "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");
    write(
        "B1_20_0__schema_at_1_20_0.sql",
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100));\n"
            + "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");
    write("V1_21_0__invoice_total.sql", "ALTER TABLE invoices ADD COLUMN total INTEGER;");
  }

  private static Result run(Cli cli, int code, String... args) {
    Result result = cli.run(args);
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.all()).isEqualTo(code);
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyCommandAgreesThatTheVScriptsAboveTheAppliedVersionRun(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    run(cli, 0, "upgrade");
    nextRelease();

    assertThat(run(cli, 0, "status").out())
        .contains("Current:   1.12.37")
        .contains("2 pending")
        .doesNotContain("B1_20_0");
    assertThat(run(cli, 0, "validate").out()).contains("Valid");
    assertThat(run(cli, ExitCodes.PENDING, "check").all()).doesNotContain("B1_20_0");
    assertThat(run(cli, 0, "plan").out())
        .contains("Upgrade from 1.12.37 to 1.21.0, 2 scripts:")
        .contains("V1_20_0__invoices.sql")
        .contains("V1_21_0__invoice_total.sql")
        .doesNotContain("B1_20_0");
    assertThat(run(cli, 0, "lint").all()).doesNotContain("Cannot");
    assertThat(run(cli, 0, "upgrade").out()).contains("Upgraded from 1.12.37 to 1.21.0: 2");
    assertThat(run(cli, 0, "history").out()).contains("invoice total").doesNotContain("schema at");

    // A fresh database of the same release gets the B script and what follows it.
    Cli fresh = new Cli().env("DATABASE_URL", Databases.fresh(kind).url());
    fresh.env("MIGRATIONS_DIR", migrations.toString());
    assertThat(run(fresh, 0, "plan").out())
        .contains("Upgrade from (none) to 1.21.0, 2 scripts:")
        .contains("B1_20_0__schema_at_1_20_0.sql");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void lintExitsWithTheRefusalOfTheUpgradeItChecks(String kind) throws Exception {
    Cli cli = cli(Databases.fresh(kind));
    run(cli, 0, "upgrade");
    write("V1_12_37__customer_name.sql", "ALTER TABLE customers ADD COLUMN name VARCHAR(200);");
    write("V1_21_0__drop.sql", "ALTER TABLE customers DROP COLUMN name;");
    Result lint = run(cli, ExitCodes.CHECKSUM_MISMATCH, "lint");
    assertThat(lint.err().lines()).hasSize(1);
    assertThat(lint.err())
        .contains("Cannot upgrade: the history of")
        .contains("V1_12_37__customer_name.sql changed since it was applied");
    assertThat(run(cli, ExitCodes.CHECKSUM_MISMATCH, "upgrade").err())
        .contains("V1_12_37__customer_name.sql changed since it was applied");
  }
}
