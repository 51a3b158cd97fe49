package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Function;
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
   * One case: the environment and arguments it runs with, given the folder of a valid bundle.
   *
   * @param needs the database it needs ("upgraded": the SQLite one at head), or null
   */
  record Case(
      Function<Path, Map<String, String>> env,
      List<String> args,
      String needs,
      int code,
      String fragment) {}

  private static Case sqlite(List<String> args, int code, String fragment) {
    return new Case(
        bundle ->
            Map.of(
                "DATABASE_URL",
                "sqlite:///" + bundle.resolveSibling("app.db"),
                "MIGRATIONS_DIR",
                bundle.toString()),
        args,
        null,
        code,
        fragment);
  }

  private static Case withUrl(String url, List<String> args, int code, String fragment) {
    return new Case(
        bundle -> Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", bundle.toString()),
        args,
        null,
        code,
        fragment);
  }

  static Stream<Arguments> cases() {
    Map<String, Case> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "unknown command", sqlite(List.of("stauts"), 2, "unknown command 'stauts'; did you mean"));
    cases.put("unknown option", sqlite(List.of("status", "--frob"), 2, "unknown option '--frob'"));
    cases.put(
        "bad option value",
        sqlite(List.of("status", "--lock-timeout=abc"), 2, "'abc' is not a duration"));
    cases.put(
        "-m for the folder",
        sqlite(
            List.of("upgrade", "-m", "migrations"),
            2,
            "give the migrations folder with --migrations-dir"));
    cases.put(
        "create with two descriptions",
        sqlite(
            List.of("create", "Add avatars", "-m", "Start feature"),
            2,
            "give the description once"));
    cases.put(
        "steps or version", sqlite(List.of("downgrade", "0005"), 2, "could mean 5 steps back"));
    cases.put(
        "neither steps nor version",
        sqlite(List.of("downgrade", "sideways"), 2, "neither a number of steps nor a version"));
    cases.put("upgrade +0", sqlite(List.of("upgrade", "+0"), 2, "is not +N with N at least 1"));
    cases.put(
        "upgrade past head",
        sqlite(List.of("upgrade", "+9"), 10, "only 6 versioned migrations are pending"));
    cases.put(
        "unknown version", sqlite(List.of("upgrade", "99"), 10, "Version 99 is not in the bundle"));
    cases.put(
        "AUTO_MIGRATE_ON_STARTUP=flase",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "sqlite:///" + bundle.resolveSibling("app.db"),
                    "MIGRATIONS_DIR",
                    bundle.toString(),
                    "AUTO_MIGRATE_ON_STARTUP",
                    "flase"),
            List.of("auto-upgrade"),
            null,
            9,
            "AUTO_MIGRATE_ON_STARTUP='flase' is neither yes nor no"));
    cases.put(
        "unsupported scheme",
        withUrl(
            "oracle://scott:tiger@db/orcl",
            List.of("status"),
            9,
            "Unsupported database URL scheme 'oracle'"));
    cases.put(
        "SQLite path is a folder",
        new Case(
            bundle ->
                Map.of("DATABASE_URL", "sqlite:///" + bundle, "MIGRATIONS_DIR", bundle.toString()),
            List.of("upgrade"),
            null,
            9,
            "names the folder"));
    cases.put(
        "SQLite folder cannot be made",
        withUrl(
            "sqlite:////proc/schemagate/app.db",
            List.of("upgrade"),
            9,
            "Cannot create the folder /proc/schemagate"));
    cases.put(
        "missing bundle folder",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "sqlite:///" + bundle.resolveSibling("app.db"),
                    "MIGRATIONS_DIR",
                    bundle.resolveSibling("nowhere").toString()),
            List.of("upgrade"),
            null,
            9,
            "the folder does not exist or is not a folder"));
    cases.put(
        "refused Flyway setting",
        sqlite(List.of("upgrade", "--flyway", "initSql=SET x=1"), 9, "initSql: not supported"));
    cases.put(
        "downgrade not confirmed",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "sqlite:///" + bundle.resolveSibling("app.db"),
                    "MIGRATIONS_DIR",
                    bundle.toString()),
            List.of("downgrade", "base"),
            "upgraded",
            11,
            "and was not confirmed; nothing was changed"));
    cases.put(
        "reset not confirmed", sqlite(List.of("reset"), 11, "not confirmed; nothing was changed"));
    cases.put(
        "unreachable server",
        withUrl(
            "postgresql://app:pw@127.0.0.1:1/app",
            List.of("status"),
            3,
            "Cannot reach the database at postgresql://app:***@127.0.0.1:1/app"));
    cases.put(
        "MySQL URL without a database",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "mysql://root@127.0.0.1:3306",
                    "MIGRATIONS_DIR",
                    bundle.toString()),
            List.of("status"),
            "mariadb",
            9,
            "names no database, so there is no schema for the history table"));
    cases.put(
        "MariaDB database that does not exist",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "mariadb://root@127.0.0.1:3306/schemagate_nowhere",
                    "MIGRATIONS_DIR",
                    bundle.toString()),
            List.of("status"),
            "mariadb",
            3,
            "does not exist"));
    cases.put(
        "MariaDB wrong password",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "mariadb://root:wrong-secret@127.0.0.1:3306/test",
                    "MIGRATIONS_DIR",
                    bundle.toString()),
            List.of("status"),
            "mariadb",
            4,
            "Authentication failed"));
    cases.put(
        "MariaDB user without privileges",
        new Case(
            bundle ->
                Map.of(
                    "DATABASE_URL",
                    "mariadb://schemagate_nopriv:pw-4711@127.0.0.1:3306/test",
                    "MIGRATIONS_DIR",
                    bundle.toString()),
            List.of("upgrade"),
            "mariadb-nopriv",
            14,
            "User 'schemagate_nopriv' on mariadb://schemagate_nopriv:***@127.0.0.1:3306/test lacks a privilege"));
    cases.put(
        "PostgreSQL user without CREATE",
        new Case(
            bundle -> Map.of("DATABASE_URL", postgresReader(), "MIGRATIONS_DIR", bundle.toString()),
            List.of("upgrade"),
            "postgresql",
            14,
            "lacks a privilege: ERROR: permission denied for schema public"));
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
    copy(Databases.exampleMigrations(), bundle);
    Cli cli = new Cli();
    bad.env().apply(bundle).forEach(cli::env);
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

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path path : files.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
