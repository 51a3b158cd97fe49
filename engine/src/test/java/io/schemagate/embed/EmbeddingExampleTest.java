package io.schemagate.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.ChildJvm;
import io.schemagate.testing.Databases;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example (examples/embedding) builds and runs on the engine module alone
 * and one driver: compiled and run in a JVM of its own whose class path holds the engine's classes,
 * its runtime dependencies and the SQLite driver, nothing else.
 */
class EmbeddingExampleTest {
  private static final Path EXAMPLE =
      Databases.exampleMigrations().getParent().getParent().resolve("embedding");
  private static final Path README = EXAMPLE.getParent().getParent().resolve("README.md");

  private static String classPath() throws Exception {
    String dependencies = Files.readString(Path.of("target/embedding-classpath.txt")).strip();
    return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
  }

  @Test
  void theReadmeShowsTheExampleAsItIs() throws Exception {
    String source = Files.readString(EXAMPLE.resolve("src/main/java/example/App.java"));
    String shown =
        source.substring(
            source.indexOf("// README:start\n") + "// README:start\n".length(),
            source.indexOf("    // README:end"));
    StringBuilder unindented = new StringBuilder();
    for (String line : shown.split("\n", -1)) {
      unindented.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    assertThat(Files.readString(README)).contains(unindented.toString().strip());
    assertThat(Files.readString(README))
        .contains("<artifactId>schemagate-engine</artifactId>")
        .contains("<artifactId>sqlite-jdbc</artifactId>");
  }

  @Test
  void buildsAndRunsOnTheEngineAndOneDriver(@TempDir Path work) throws Exception {
    String classPath = classPath();
    assertThat(classPath)
        .contains("flyway-core", "HikariCP", "sqlite-jdbc")
        .doesNotContain("postgresql", "mariadb", "mysql", "h2-", "logback", "fabric8", "picocli");
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int compiled =
        compiler.run(
            null,
            errors,
            errors,
            "-d",
            classes.toString(),
            "-cp",
            classPath,
            EXAMPLE.resolve("src/main/java/example/App.java").toString());
    assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

    Path database = work.resolve("app.db");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildJvm.options());
    command.add("-cp");
    command.add(classes + File.pathSeparator + classPath);
    command.add("example.App");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(EXAMPLE.toFile()).redirectErrorStream(true);
    builder.environment().put("DATABASE_URL", "sqlite:///" + database);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("schema at version 2").doesNotContain("schema not ready");

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        ResultSet columns = connection.getMetaData().getColumns(null, null, "notes", "author")) {
      assertThat(columns.next()).isTrue();
    }
  }
}
