package io.schemagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/SECURITY.md names, for each guarantee, the test that shows it: every test class and method
 * it names exists, and every corpus case pattern matches a case.
 */
class SecurityDocumentTest {
  private static final Path DOCUMENT = Path.of("../docs/SECURITY.md");

  /** The project's root: each module's tests live in {@code <module>/src/test/java}. */
  private static final Path MODULES = Path.of("..");

  private static final Path CORPUS = Path.of("../operator/src/test/resources/bad-inputs");
  private static final Pattern TEST_NAME =
      Pattern.compile("`([A-Z][A-Za-z]+Test)(?:\\.([a-z][A-Za-z]+)(\\.\\.\\.)?)?`");
  private static final Pattern CASE_NAME =
      Pattern.compile("`((?:url|bundle|tls|local|timeouts)-[a-z0-9-]+\\*?)`");

  private static String source(String testClass) throws IOException {
    try (Stream<Path> files = Files.walk(MODULES)) {
      Path file =
          files
              .filter(f -> f.toString().contains("/src/test/java/"))
              .filter(f -> f.getFileName().toString().equals(testClass + ".java"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no test class " + testClass));
      return Files.readString(file);
    }
  }

  @Test
  void everyTestItNamesExists() throws Exception {
    String document = Files.readString(DOCUMENT);
    Matcher matcher = TEST_NAME.matcher(document);
    List<String> named = new ArrayList<>();
    while (matcher.find()) {
      String source = source(matcher.group(1));
      named.add(matcher.group(0));
      if (matcher.group(2) != null) {
        String method = matcher.group(2);
        assertThat(source)
            .as(matcher.group(0) + " names a test method")
            .containsPattern(
                "void " + Pattern.quote(method) + (matcher.group(3) == null ? "\\(" : ""));
      }
    }
    assertThat(named).hasSizeGreaterThan(15);
  }

  @Test
  void everyCorpusCaseItNamesExists() throws Exception {
    String document = Files.readString(DOCUMENT);
    List<String> cases;
    try (Stream<Path> files = Files.list(CORPUS)) {
      cases = files.map(f -> f.getFileName().toString().replace(".yaml", "")).toList();
    }
    Matcher matcher = CASE_NAME.matcher(document);
    int named = 0;
    while (matcher.find()) {
      String name = matcher.group(1);
      named++;
      if (name.endsWith("*")) {
        String prefix = name.substring(0, name.length() - 1);
        assertThat(cases).as(name).anyMatch(c -> c.startsWith(prefix));
      } else {
        assertThat(cases).as(name).contains(name);
      }
    }
    assertThat(named).isGreaterThan(5);
  }
}
