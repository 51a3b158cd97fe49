package io.schemagate.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.testing.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The image's JVM, with the options its entry point gives it. */
class ImageTest {
  private static final Path DOCKERFILE =
      Databases.exampleMigrations().getParent().getParent().getParent().resolve("Dockerfile");

  /** The JVM options of the Dockerfile's ENTRYPOINT: everything between "java" and "-jar". */
  private static List<String> jvmOptions() throws Exception {
    String line =
        Files.readAllLines(DOCKERFILE).stream()
            .filter(l -> l.startsWith("ENTRYPOINT"))
            .findFirst()
            .orElseThrow();
    String[] entrypoint =
        new ObjectMapper().readValue(line.substring("ENTRYPOINT".length()).strip(), String[].class);
    List<String> all = List.of(entrypoint);
    assertThat(all.get(0)).isEqualTo("java");
    return all.subList(1, all.indexOf("-jar"));
  }

  @Test
  void theImagesJvmExitsOnOutOfMemory() throws Exception {
    List<String> options = jvmOptions();
    assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(
        List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), FillHeap.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the process ended by itself: " + output).isTrue();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(output)
        .contains("Terminating due to java.lang.OutOfMemoryError")
        .doesNotContain("the process lives on");
  }
}
