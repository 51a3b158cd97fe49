package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.ChildJvm;
import io.schemagate.testing.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example as docs/embedding.md builds and runs it: the reactor's build of
 * examples/embedding (the guide's first command) leaves {@code target/embedding-1.0.jar}, run here
 * with {@code java -jar} from the example's folder, as the guide's second command does.
 */
@org.junit.jupiter.api.Tag("packaged-jar")
class EmbeddingExampleIT {
  private static final Path EXAMPLE =
      Databases.exampleMigrations().getParent().getParent().resolve("embedding");
  private static final Path JAR = EXAMPLE.resolve("target/embedding-1.0.jar");

  @TempDir Path work;

  private record Run(int code, String output) {}

  private Run run(Path in, Map<String, String> env) throws Exception {
    assertThat(JAR)
        .as("build the example first: ./mvnw -B -q package -DskipTests -pl examples/embedding -am")
        .exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildJvm.options());
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(in.toFile());
    builder.redirectErrorStream(true);
    ChildJvm.clearSettings(builder.environment());
    builder.environment().remove("AUTO_MIGRATE_ON_STARTUP");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void theReadmeBuildsAndRunsTheExampleWithTheseCommands() throws Exception {
    assertThat(Files.readString(EXAMPLE.getParent().getParent().resolve("docs/embedding.md")))
        .contains("./mvnw -B -q package -DskipTests -pl examples/embedding -am\n")
        .contains(
            "cd examples/embedding && DATABASE_URL=sqlite:///tmp/notes.db java -jar"
                + " target/embedding-1.0.jar\n");
    String url = "sqlite:///" + work.resolve("notes.db");
    Run run = run(EXAMPLE, Map.of("DATABASE_URL", url));
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("schema at version 2").doesNotContain("schema not ready");
    // The example's logging binding keeps the start to its own line: no SLF4J warnings.
    assertThat(run.output()).doesNotContain("SLF4J");
  }

  @Test
  void theSettingIsReadAsTheGuideWritesItAndAnythingElseStopsTheStart() throws Exception {
    String url = "sqlite:///" + work.resolve("off.db");
    for (String off : new String[] {"False", "false", "0"}) {
      Run run = run(EXAMPLE, Map.of("DATABASE_URL", url, "AUTO_MIGRATE_ON_STARTUP", off));
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(run.output())
          .contains("schema not ready: 2 migrations pending")
          .contains("schema at version (none)");
    }
    Run maybe = run(EXAMPLE, Map.of("DATABASE_URL", url, "AUTO_MIGRATE_ON_STARTUP", "maybe"));
    assertThat(maybe.code()).isEqualTo(1);
    assertThat(maybe.output())
        .contains("cannot start: AUTO_MIGRATE_ON_STARTUP='maybe' is neither yes nor no")
        .doesNotContain("\tat ");
    Run on = run(EXAMPLE, Map.of("DATABASE_URL", url, "AUTO_MIGRATE_ON_STARTUP", "True"));
    assertThat(on.output()).contains("schema at version 2");
  }

  @Test
  void aMissingDriverAndAMissingFolderAreNamed() throws Exception {
    Run postgres = run(EXAMPLE, Map.of("DATABASE_URL", "postgresql://app@127.0.0.1:5432/test"));
    assertThat(postgres.code()).isEqualTo(1);
    assertThat(postgres.output())
        .contains("No JDBC driver for postgresql://app@127.0.0.1:5432/test is on the class path")
        .contains("add org.postgresql:postgresql and org.flywaydb:flyway-database-postgresql")
        .doesNotContain("Cannot reach");

    // Started from a folder without migrations/: the health check says so, then the start stops.
    Run elsewhere =
        run(
            work,
            Map.of(
                "DATABASE_URL",
                "sqlite:///" + work.resolve("x.db"),
                "AUTO_MIGRATE_ON_STARTUP",
                "false"));
    assertThat(elsewhere.output())
        .contains(
            "schema not ready: Invalid migration bundle migrations: the folder does not exist")
        .doesNotContain("\tat ");
  }
}
