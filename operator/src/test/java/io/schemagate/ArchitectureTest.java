package io.schemagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule inside the operator module that Maven's module graph cannot enforce: the gate never
 * touches a database. The rest (engine without Kubernetes, model without engine, nothing back into
 * the command line) are module dependencies, so a wrong import does not compile.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/schemagate");

  private static List<String> offending(String pkg, String... forbidden) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          for (String prefix : forbidden) {
            if (line.startsWith("import " + prefix) || line.startsWith("import static " + prefix)) {
              found.add(file.getFileName() + ": " + line);
            }
          }
        }
      }
    }
    return found;
  }

  @Test
  void theGateNeverTouchesADatabase() throws IOException {
    assertThat(
            offending(
                "gate",
                "io.schemagate.engine",
                "io.schemagate.lint",
                "io.schemagate.db",
                "io.schemagate.operator",
                "io.schemagate.cli",
                "java.sql",
                "javax.sql",
                "org.flywaydb.core.api.configuration"))
        .isEmpty();
  }

  @Test
  void theRolloutRulesAreValuesWithoutADatabase() throws IOException {
    assertThat(
            offending(
                    "rollout",
                    "io.schemagate.engine",
                    "io.schemagate.lint",
                    "io.schemagate.db",
                    "io.schemagate.operator",
                    "io.schemagate.gate",
                    "io.schemagate.cli",
                    "java.sql",
                    "javax.sql",
                    "org.flywaydb")
                .stream()
                // The engine's version grammar is a pure value class: the one grammar, read here.
                .filter(line -> !line.endsWith("import io.schemagate.engine.api.Versions;"))
                .toList())
        .isEmpty();
  }

  @Test
  void theOperatorReachesTheGateOnlyToStartIt() throws IOException {
    assertThat(offending("operator", "io.schemagate.gate"))
        .allSatisfy(line -> assertThat(line).startsWith("SchemagateOperator.java: "));
  }
}
