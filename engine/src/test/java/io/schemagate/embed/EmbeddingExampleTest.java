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
 * The embedding example of docs/embedding.md (examples/embedding) builds and runs on the engine
 * module alone and one driver: compiled and run in a JVM of its own whose class path holds the
 * engine's classes, its runtime dependencies and the SQLite driver, nothing else.
 */
class EmbeddingExampleTest {
  private static final Path EXAMPLE =
      Databases.exampleMigrations().getParent().getParent().resolve("embedding");
  private static final Path README = EXAMPLE.getParent().getParent().resolve("docs/embedding.md");

  private static String classPath() throws Exception {
    String dependencies = Files.readString(Path.of("target/embedding-classpath.txt")).strip();
    return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
  }

  /**
   * What an application that embeds the engine carries besides its driver: the dependencies' jars
   * and the engine's classes as a jar. The lint and its SQL parser are not among them.
   */
  @Test
  void theEngineWithoutADriverWeighsAtMostFourMegabytes() throws Exception {
    long total = jarBytes(Path.of("target/classes"));
    StringBuilder parts = new StringBuilder();
    for (String entry :
        Files.readString(Path.of("target/embedding-classpath.txt"))
            .strip()
            .split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      if (name.startsWith("sqlite-jdbc")) {
        continue;
      }
      assertThat(name).doesNotContain("jsqlparser");
      total += Files.size(jar);
      parts.append(' ').append(name);
    }
    System.out.printf(
        "Embedding class path without a driver: %,d bytes (schemagate-engine and%s)%n",
        total, parts);
    assertThat(total).isLessThanOrEqualTo(4_000_000L);
  }

  /** The size of {@code classes} packed as a jar, as the engine's own jar is. */
  private static long jarBytes(Path classes) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes);
        java.util.stream.Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString()));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
    }
    return bytes.size();
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
        .doesNotContain(
            "postgresql", "mariadb", "mysql", "h2-", "logback", "fabric8", "picocli", "jsqlparser");
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
