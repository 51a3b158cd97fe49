package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Bundles;
import io.schemagate.testing.ChildJvm;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quick start as a user runs it: {@code ./migrate.sh} at the repository root, the packaged jar,
 * the default SQLite database in {@code output/}, then PostgreSQL and MariaDB through DATABASE_URL.
 */
@Tag("packaged-jar")
class MigrateScriptIT {
  @TempDir Path workDir;

  private record Run(int code, String output) {}

  private static Path repositoryRoot() {
    return Databases.exampleMigrations().getParent().getParent().getParent();
  }

  private Run migrate(Map<String, String> env, String... args) throws Exception {
    return run(repositoryRoot().resolve("migrate.sh"), "", env, args);
  }

  /** Runs {@code script} (a migrate.sh) in the work folder, {@code input} on its stdin. */
  private Run run(Path script, String input, Map<String, String> env, String... args)
      throws Exception {
    List<String> command =
        Stream.concat(Stream.of("bash", script.toString()), Stream.of(args)).toList();
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    ChildJvm.clearSettings(builder.environment());
    // migrate.sh passes JAVA_OPTS to java: the test JVMs' options, so each command starts on
    // less CPU.
    builder.environment().put("JAVA_OPTS", String.join(" ", ChildJvm.options()));
    builder.environment().putAll(env);
    Process process = builder.start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void theJarIsBuilt() throws IOException {
    Path jar = Path.of(System.getProperty("schemagate.jar"));
    assertThat(jar).exists();
    assertThat(Files.size(jar)).isGreaterThan(1_000_000);
  }

  @Test
  void quickStartOnTheDefaultSqliteDatabase() throws Exception {
    Map<String, String> env = Map.of();
    Run check = migrate(env, "check");
    assertThat(check.code()).as(check.output()).isEqualTo(ExitCodes.PENDING);
    Run upgrade = migrate(env, "upgrade");
    assertThat(upgrade.code()).as(upgrade.output()).isZero();
    assertThat(workDir.resolve("output/lets_talk.db")).exists();
    Run status = migrate(env, "status");
    assertThat(status.output())
        .contains("Database:  sqlite:///output/lets_talk.db")
        .contains("Current:   6 (6 applied)")
        .contains("Status:    up to date");
    assertThat(migrate(env, "check").code()).isZero();
    assertThat(migrate(env, "alembic-cmd", "current").output().strip()).isEqualTo("6 (head)");
    assertThat(migrate(env, "--version").output())
        .contains("schemagate 0.1.0-SNAPSHOT", "Flyway 12.4.0");
  }

  /**
   * The seed's guide, command for command, as it is written: ./migrate.sh status, history, upgrade,
   * upgrade to a revision, downgrade by steps and to a revision, create, check, auto-upgrade,
   * reset, and alembic-cmd current, history --verbose, show, stamp, revision and merge, in a
   * project folder with its own migrations/.
   */
  @Test
  void theSeedGuideAsWritten() throws Exception {
    Bundles.copy(Databases.exampleMigrations(), workDir.resolve("migrations"));
    Map<String, String> env = Map.of();
    assertThat(migrate(env, "status").output()).contains("Status:    6 pending; run `upgrade`");
    assertThat(migrate(env, "upgrade", "3").output())
        .contains("Upgraded from an empty history to 3");
    assertThat(migrate(env, "upgrade").output()).contains("Upgraded from 3 to 6");
    assertThat(migrate(env, "history").output()).contains("add message reactions", "Success");
    assertThat(migrate(env, "check").code()).isZero();
    assertThat(migrate(env, "downgrade", "1").output()).contains("Downgraded from 6 to 5");
    assertThat(
            run(repositoryRoot().resolve("migrate.sh"), "yes\n", env, "downgrade", "V3").output())
        .contains("Downgraded from 5 to 3: 2 undo scripts");
    assertThat(migrate(env, "downgrade", "--to", "2", "--yes").output()).contains("from 3 to 2");
    assertThat(migrate(env, "check").code()).isEqualTo(ExitCodes.PENDING);
    assertThat(migrate(env, "auto-upgrade").output()).contains("Upgraded from 2 to 6");
    assertThat(migrate(Map.of("AUTO_MIGRATE_ON_STARTUP", "false"), "auto-upgrade").output())
        .contains("not upgrading");
    Run created = migrate(env, "create", "Add user avatars");
    assertThat(created.output()).contains("Created version 7:");
    assertThat(workDir.resolve("migrations/V7__add_user_avatars.sql")).exists();
    Files.writeString(
        workDir.resolve("migrations/V7__add_user_avatars.sql"),
        "ALTER TABLE users ADD COLUMN avatar_url VARCHAR(255);\n");
    Files.writeString(
        workDir.resolve("migrations/U7__add_user_avatars.sql"),
        "ALTER TABLE users DROP COLUMN avatar_url;\n");
    assertThat(migrate(env, "upgrade").output()).contains("Upgraded from 6 to 7");

    assertThat(migrate(env, "alembic-cmd", "current").output().strip()).isEqualTo("7 (head)");
    assertThat(migrate(env, "alembic-cmd", "current", "--verbose").output())
        .contains("Script:       V7__add_user_avatars.sql");
    assertThat(migrate(env, "alembic-cmd", "history", "--verbose").output())
        .contains("CHECKSUM", "V7__add_user_avatars.sql");
    assertThat(migrate(env, "alembic-cmd", "show", "head").output())
        .contains("Version:      7", "ALTER TABLE users ADD COLUMN avatar_url");
    assertThat(migrate(env, "alembic-cmd", "heads").output().strip()).isEqualTo("7 (head)");
    assertThat(migrate(env, "alembic-cmd", "branches").output()).contains("No branches");
    Run branch =
        migrate(
            env,
            "alembic-cmd",
            "revision",
            "--branch-label",
            "feature_branch",
            "-m",
            "Start feature");
    assertThat(branch.output()).contains("V8__start_feature.sql", "Branch label feature_branch");
    // Meanwhile the main line got its own 8, and both met in a merge.
    Files.writeString(
        workDir.resolve("migrations/V8__add_status.sql"),
        "ALTER TABLE users ADD COLUMN status VARCHAR(16);\n");
    Files.writeString(
        workDir.resolve("migrations/U8__add_status.sql"),
        "ALTER TABLE users DROP COLUMN status;\n");
    assertThat(
            migrate(
                    env,
                    "alembic-cmd",
                    "merge",
                    "-m",
                    "Merge feature branch",
                    "feature_branch",
                    "main")
                .output())
        .contains("renamed V8__start_feature.sql -> V9__start_feature.sql");
    assertThat(migrate(env, "alembic-cmd", "upgrade", "+1").output())
        .contains("Upgraded from 7 to 8");
    assertThat(migrate(env, "alembic-cmd", "downgrade", "-1").output()).contains("from 8 to 7");
    assertThat(migrate(env, "alembic-cmd", "stamp", "head").output()).contains("now says 9");
    Run reset = run(repositoryRoot().resolve("migrate.sh"), "yes\n", env, "reset");
    assertThat(reset.code()).as(reset.output()).isZero();
    assertThat(reset.output()).contains("Upgraded from an empty history to 9");
    assertThat(migrate(env, "check").code()).isZero();
  }

  @Test
  void createRefusesTheExampleBundleMigrateShFallsBackTo() throws Exception {
    Run refused = migrate(Map.of(), "create", "Add avatars");
    assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(refused.output())
        .contains("create would write into ")
        .contains("the example bundle migrate.sh reads when MIGRATIONS_DIR is not set");
    try (Stream<Path> files = Files.list(Databases.exampleMigrations())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("avatars"));
    }
    assertThat(migrate(Map.of(), "status").code()).isZero();
    assertThat(workDir.resolve("output")).as("a read creates no SQLite file").doesNotExist();
  }

  @Test
  void migrateShRunsOutsideTheSourceTree() throws Exception {
    Path copy = workDir.resolve("elsewhere/migrate.sh");
    Files.createDirectories(copy.getParent());
    Files.copy(repositoryRoot().resolve("migrate.sh"), copy);
    Bundles.copy(Databases.exampleMigrations(), workDir.resolve("migrations"));
    Run none = run(copy, "", Map.of("PATH", "/usr/bin:/bin"), "status");
    assertThat(none.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(none.output().strip())
        .startsWith("error: no schemagate CLI found: put schemagate.jar next to")
        .doesNotContain("mvnw");
    Run named =
        run(copy, "", Map.of("SCHEMAGATE_JAR", System.getProperty("schemagate.jar")), "upgrade");
    assertThat(named.code()).as(named.output()).isZero();
    assertThat(named.output()).contains("Upgraded from an empty history to 6");
    Files.copy(
        Path.of(System.getProperty("schemagate.jar")), copy.resolveSibling("schemagate.jar"));
    assertThat(run(copy, "", Map.of(), "alembic-cmd", "current").output().strip())
        .isEqualTo("6 (head)");
    assertThat(run(copy, "", Map.of("SCHEMAGATE_JAR", "/nowhere.jar"), "status").output())
        .contains("error: SCHEMAGATE_JAR=/nowhere.jar is not a file");
  }

  static Stream<TestDatabase> servers() {
    return Stream.of(Databases.postgres(), Databases.mariadbOrPlaceholder());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void downgradeTwoAndUpgradeReturnsToHead(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", db.url());
    assertThat(migrate(env, "upgrade").code()).isZero();
    assertThat(migrate(env, "status").output()).contains("Current:   6 (6 applied)");
    Run down = migrate(env, "downgrade", "2", "--yes");
    assertThat(down.code()).as(down.output()).isZero();
    assertThat(down.output()).contains("Downgraded from 6 to 4");
    assertThat(migrate(env, "check").code()).isEqualTo(ExitCodes.PENDING);
    assertThat(migrate(env, "upgrade").output()).contains("Upgraded from 4 to 6");
    assertThat(migrate(env, "check").code()).isZero();
  }
}
