package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    List<String> command =
        Stream.concat(
                Stream.of("bash", repositoryRoot().resolve("migrate.sh").toString()),
                Stream.of(args))
            .toList();
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("MIGRATIONS_DIR");
    // migrate.sh passes JAVA_OPTS to java: the test JVMs' options, so each command starts on
    // less CPU.
    builder.environment().put("JAVA_OPTS", String.join(" ", ChildJvm.options()));
    builder.environment().putAll(env);
    Process process = builder.start();
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
    Run down = migrate(env, "downgrade", "2");
    assertThat(down.code()).as(down.output()).isZero();
    assertThat(down.output()).contains("Downgraded from 6 to 4");
    assertThat(migrate(env, "check").code()).isEqualTo(ExitCodes.PENDING);
    assertThat(migrate(env, "upgrade").output()).contains("Upgraded from 4 to 6");
    assertThat(migrate(env, "check").code()).isZero();
  }
}
