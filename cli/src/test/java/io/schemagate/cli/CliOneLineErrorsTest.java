package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Bundles;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of the command line gets exactly one line on stderr (no driver or pool log line,
 * no help page, no stack trace), naming what is wrong and the fix, with its own exit code. Library
 * log lines are captured too ({@link Cli} swaps System.err), so a driver's WARN line would fail.
 */
class CliOneLineErrorsTest {
  @TempDir static Path dir;

  /**
   * One case. In {@code env}, {@code {bundle}} stands for the folder of a valid bundle and {@code
   * {db}} for a SQLite file beside it; DATABASE_URL and MIGRATIONS_DIR default to those two.
   *
   * @param needs what it needs first: "mariadb", "mariadb-nopriv", "postgresql", "upgraded" (the
   *     SQLite database at head), or null
   */
  record Case(Map<String, String> env, List<String> args, String needs, int code, String fragment) {
    Case needing(String what) {
      return new Case(env, args, what, code, fragment);
    }

    Case with(String name, String value) {
      Map<String, String> more = new java.util.HashMap<>(env);
      more.put(name, value);
      return new Case(more, args, needs, code, fragment);
    }

    Map<String, String> environment(Path bundle) {
      Map<String, String> resolved = new java.util.HashMap<>();
      resolved.put("DATABASE_URL", "sqlite:///{db}");
      resolved.put("MIGRATIONS_DIR", "{bundle}");
      resolved.putAll(env);
      resolved.replaceAll(
          (k, v) ->
              v.replace("{db}", bundle.resolveSibling("app.db").toString())
                  .replace("{bundle}", bundle.toString()));
      return resolved;
    }
  }

  private static Case bad(int code, String fragment, String... args) {
    return new Case(Map.of(), List.of(args), null, code, fragment);
  }

  static Stream<Arguments> cases() {
    Map<String, Case> cases = new java.util.LinkedHashMap<>();
    cases.put("unknown command", bad(2, "unknown command 'stauts'; did you mean", "stauts"));
    cases.put("unknown option", bad(2, "unknown option '--frob'", "status", "--frob"));
    cases.put(
        "bad option value", bad(2, "'abc' is not a duration", "status", "--lock-timeout=abc"));
    cases.put(
        "-m for the folder",
        bad(2, "give the migrations folder with --migrations-dir", "upgrade", "-m", "migrations"));
    cases.put(
        "create with two descriptions",
        bad(2, "give the description once", "create", "Add avatars", "-m", "Start feature"));
    cases.put("steps or version", bad(2, "could mean 5 steps back", "downgrade", "0005"));
    cases.put(
        "neither steps nor version",
        bad(2, "neither a number of steps nor a version", "downgrade", "sideways"));
    cases.put("upgrade +0", bad(2, "is not +N with N at least 1", "upgrade", "+0"));
    cases.put(
        "upgrade past head", bad(10, "only 6 versioned migrations are pending", "upgrade", "+9"));
    cases.put("unknown version", bad(10, "Version 99 is not in the bundle", "upgrade", "99"));
    cases.put(
        "AUTO_MIGRATE_ON_STARTUP=flase",
        bad(9, "AUTO_MIGRATE_ON_STARTUP='flase' is neither yes nor no", "auto-upgrade")
            .with("AUTO_MIGRATE_ON_STARTUP", "flase"));
    cases.put(
        "unsupported scheme",
        bad(9, "Unsupported database URL scheme 'oracle'", "status")
            .with("DATABASE_URL", "oracle://scott:tiger@db/orcl"));
    cases.put(
        "SQLite path is a folder",
        bad(9, "names the folder", "upgrade").with("DATABASE_URL", "sqlite:///{bundle}"));
    cases.put(
        "SQLite folder cannot be made",
        bad(9, "Cannot create the folder /proc/schemagate", "upgrade")
            .with("DATABASE_URL", "sqlite:////proc/schemagate/app.db"));
    cases.put(
        "missing bundle folder",
        bad(9, "the folder does not exist or is not a folder", "upgrade")
            .with("MIGRATIONS_DIR", "{bundle}-nowhere"));
    cases.put(
        "refused Flyway setting",
        bad(9, "initSql: not supported", "upgrade", "--flyway", "initSql=SET x=1"));
    cases.put(
        "downgrade not confirmed",
        bad(11, "and was not confirmed; nothing was changed", "downgrade", "base")
            .needing("upgraded"));
    cases.put("reset not confirmed", bad(11, "not confirmed; nothing was changed", "reset"));
    cases.put(
        "unreachable server",
        bad(3, "Cannot reach the database at postgresql://app:***@127.0.0.1:1/app", "status")
            .with("DATABASE_URL", "postgresql://app:pw@127.0.0.1:1/app"));
    cases.put(
        "MySQL URL without a database",
        bad(9, "names no database, so there is no schema for the history table", "status")
            .with("DATABASE_URL", "mysql://root@127.0.0.1:3306")
            .needing("mariadb"));
    cases.put(
        "MariaDB database that does not exist",
        bad(3, "does not exist", "status")
            .with("DATABASE_URL", "mariadb://root@127.0.0.1:3306/schemagate_nowhere")
            .needing("mariadb"));
    cases.put(
        "MariaDB wrong password",
        bad(4, "Authentication failed", "status")
            .with("DATABASE_URL", "mariadb://root:wrong-secret@127.0.0.1:3306/test")
            .needing("mariadb"));
    cases.put(
        "MariaDB user without privileges",
        bad(
                14,
                "User 'schemagate_nopriv' on mariadb://schemagate_nopriv:***@127.0.0.1:3306/test"
                    + " lacks a privilege",
                "upgrade")
            .with("DATABASE_URL", "mariadb://schemagate_nopriv:pw-4711@127.0.0.1:3306/test")
            .needing("mariadb-nopriv"));
    cases.put(
        "PostgreSQL user without CREATE",
        bad(14, "lacks a privilege: ERROR: permission denied for schema public", "upgrade")
            .with("DATABASE_URL", "{postgres-reader}")
            .needing("postgresql"));
    List<Arguments> arguments = new ArrayList<>();
    cases.forEach((name, value) -> arguments.add(Arguments.of(Named.of(name, value))));
    return arguments.stream();
  }

  private static String postgresReader;

  /**
   * A fresh PostgreSQL database whose public schema the role schemagate_reader may not create in.
   */
  private static synchronized String postgresReader() {
    if (postgresReader == null) {
      try {
        TestDatabase db = Databases.postgres();
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        db.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schemagate_reader')"
                + " THEN CREATE ROLE schemagate_reader LOGIN; END IF; END $$");
        URI uri = URI.create(db.url());
        postgresReader =
            "postgresql://schemagate_reader@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return postgresReader;
  }

  private static void prepare(String needs) throws Exception {
    if (needs == null) {
      return;
    }
    if (needs.startsWith("mariadb")) {
      TestDatabase mariadb = Databases.mariadbOrPlaceholder();
      Databases.assumeAvailable(mariadb);
      if (needs.equals("mariadb-nopriv")) {
        mariadb.execute(
            "CREATE USER IF NOT EXISTS 'schemagate_nopriv'@'%' IDENTIFIED BY 'pw-4711'");
        mariadb.execute(
            "CREATE USER IF NOT EXISTS 'schemagate_nopriv'@'localhost' IDENTIFIED BY 'pw-4711'");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneLineOnStderr(Case bad) throws Exception {
    prepare(bad.needs());
    Path bundle = Files.createTempDirectory(dir, "case").resolve("migrations");
    Bundles.copy(Databases.exampleMigrations(), bundle);
    Cli cli = new Cli();
    bad.environment(bundle)
        .forEach(
            (name, value) ->
                cli.env(name, value.equals("{postgres-reader}") ? postgresReader() : value));
    if ("upgraded".equals(bad.needs())) {
      assertThat(cli.run("upgrade").code()).isZero();
    }
    Result result = cli.run(bad.args().toArray(String[]::new));
    assertThat(result.code()).as(result.all()).isEqualTo(bad.code());
    assertThat(result.err().lines().toList()).as(result.err()).hasSize(1);
    assertThat(result.err()).startsWith("error: ").contains(bad.fragment());
    assertThat(result.all())
        .doesNotContain("\tat ", "Exception", "WARN", "pw-4711", "wrong-secret", "tiger");
  }
}
