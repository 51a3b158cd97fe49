package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command, its failures and its debug output with a distinctive password, and scans all
 * that was printed: the password appears nowhere.
 */
class SecretsNeverPrintedTest {
  private static final String SECRET = "Zq7-Distinctive-Secret-Pw";
  private static final List<String[]> COMMANDS =
      List.of(
          new String[] {"status"},
          new String[] {"status", "-o", "json"},
          new String[] {"check"},
          new String[] {"upgrade", "2"},
          new String[] {"upgrade", "9"},
          new String[] {"upgrade"},
          new String[] {"current", "-o", "json"},
          new String[] {"history", "--verbose"},
          new String[] {"history", "-o", "json"},
          new String[] {"show", "2", "-o", "json"},
          new String[] {"validate"},
          new String[] {"downgrade", "1"},
          new String[] {"downgrade", "9"},
          new String[] {"stamp", "3"},
          new String[] {"repair"},
          new String[] {"reset"},
          new String[] {"upgrade", "--debug"},
          new String[] {"downgrade", "base", "--debug"});

  @TempDir Path migrations;

  private Map<String, String> bundle() throws Exception {
    Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
    Files.writeString(migrations.resolve("U1__a.sql"), "DROP TABLE a;");
    Files.writeString(migrations.resolve("V2__b.sql"), "CREATE TABLE b (id INT);");
    Files.writeString(migrations.resolve("U2__b.sql"), "DROP TABLE b;");
    Files.writeString(migrations.resolve("V3__broken.sql"), "CREATE TABLE c (id INT);\nSELEC 1;");
    return Map.of("MIGRATIONS_DIR", migrations.toString());
  }

  private static List<String> runAll(Cli cli) {
    List<String> outputs = new ArrayList<>();
    for (String[] command : COMMANDS) {
      outputs.add(cli.run(command).all());
    }
    return outputs;
  }

  @Test
  void postgresPasswordInTheUrlNeverShows() throws Exception {
    TestDatabase db = Databases.postgres();
    String url = db.url().replace("postgres@", "postgres:" + SECRET + "@");
    Map<String, String> env = bundle();
    Cli cli = new Cli().env("DATABASE_URL", url).env("MIGRATIONS_DIR", env.get("MIGRATIONS_DIR"));
    List<String> outputs = runAll(cli);
    outputs.add(
        new Cli()
            .env("DATABASE_URL", "postgresql://app:" + SECRET + "@127.0.0.1:1/app")
            .env("MIGRATIONS_DIR", env.get("MIGRATIONS_DIR"))
            .run("status", "--debug")
            .all());
    CliProcess debug =
        CliProcess.start(
            Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", env.get("MIGRATIONS_DIR")),
            "upgrade",
            "--debug");
    debug.exitCode();
    outputs.add(debug.output());
    assertThat(debug.output()).contains("DEBUG");
    assertNoSecret(outputs);
  }

  @Test
  void aDriverMessageThatRepeatsThePasswordIsMasked(@TempDir Path other) throws Exception {
    TestDatabase db = Databases.postgres();
    String url = db.url().replace("postgres@", "postgres:" + SECRET + "@");
    // PostgreSQL quotes the value it cannot cast: the password itself, in the driver's message.
    Files.writeString(other.resolve("V1__cast.sql"), "SELECT CAST('" + SECRET + "' AS INTEGER);\n");
    Map<String, String> env = Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", other.toString());
    Cli cli = new Cli();
    env.forEach(cli::env);
    String plain = cli.run("upgrade").all();
    assertThat(plain).contains("invalid input syntax for type integer: \"***\"");
    CliProcess debug = CliProcess.start(env, "upgrade", "--debug");
    debug.exitCode();
    assertThat(debug.output()).contains("DEBUG").contains("Migration V1__cast.sql failed");
    assertThat(plain + debug.output()).doesNotContain(SECRET);
  }

  @Test
  void jdbcUrlPasswordParameterNeverShows() throws Exception {
    TestDatabase db = Databases.postgres();
    String jdbc = db.parsed().jdbcUrl() + "?user=postgres&password=" + SECRET;
    Map<String, String> env = bundle();
    List<String> outputs =
        runAll(
            new Cli().env("DATABASE_URL", jdbc).env("MIGRATIONS_DIR", env.get("MIGRATIONS_DIR")));
    CliProcess debug =
        CliProcess.start(
            Map.of("DATABASE_URL", jdbc, "MIGRATIONS_DIR", env.get("MIGRATIONS_DIR")),
            "status",
            "--debug");
    debug.exitCode();
    outputs.add(debug.output());
    assertNoSecret(outputs);
  }

  @Test
  void mariadbPasswordGivenSeparatelyNeverShows() throws Exception {
    TestDatabase db = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(db);
    String schema = db.url().substring(db.url().lastIndexOf('/') + 1);
    String user = "s_" + schema;
    db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'");
    db.execute("GRANT ALL ON " + schema + ".* TO '" + user + "'@'%'");
    Map<String, String> env = bundle();
    Map<String, String> all =
        Map.of(
            "DATABASE_URL",
            "mysql://127.0.0.1:3306/" + schema,
            "DATABASE_USER",
            user,
            "DATABASE_PASSWORD",
            SECRET,
            "MIGRATIONS_DIR",
            env.get("MIGRATIONS_DIR"));
    Cli cli = new Cli();
    all.forEach(cli::env);
    List<String> outputs = runAll(cli);
    outputs.add(cli.run("status", "--password", SECRET + "x").all());
    CliProcess debug = CliProcess.start(all, "upgrade", "--debug");
    debug.exitCode();
    outputs.add(debug.output());
    assertNoSecret(outputs);
  }

  private static void assertNoSecret(List<String> outputs) {
    assertThat(outputs).hasSizeGreaterThan(COMMANDS.size());
    assertThat(String.join("\n", outputs)).contains("Migration V3__broken.sql failed");
    for (String output : outputs) {
      assertThat(output).doesNotContain(SECRET);
    }
  }
}
