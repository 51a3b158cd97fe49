package io.schemagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md stays true: every class it names (`Reconciliation`, `Step.Reset`,
 * `StatusRecorder.latest`) is a Java type of one of the modules, and every file it names exists.
 */
class ArchitectureDocumentTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DOCUMENT = ROOT.resolve("docs/ARCHITECTURE.md");
  private static final Pattern TYPE =
      Pattern.compile("`(?:[a-z]+\\.)*([A-Z][A-Za-z]+)(?:\\.[A-Za-z_]+)*(?:\\(\\))?`");

  /** Condition types and reasons, which the document writes like types. */
  private static final Set<String> NOT_TYPES =
      Set.of(
          "Ready", "Reconciling", "Stalled", "Applied", "Migrating", "Queued", "UnexpectedError");

  private static final Pattern FILE = Pattern.compile("`((?:[a-z]+/)+[A-Za-z-]+\\.[a-z]+)`");

  /**
   * Every Java type name of the modules, main and test, nested types included, and every type they
   * import (Flyway's, JOSDK's), which the document may name too.
   */
  private static Set<String> types() throws IOException {
    Set<String> types = new TreeSet<>();
    Pattern declaration =
        Pattern.compile(
            "\\b(?:class|record|enum|interface|@interface)\\s+([A-Z][A-Za-z]+)"
                + "|^import (?:static )?[a-z0-9.]+\\.([A-Z][A-Za-z]+);",
            Pattern.MULTILINE);
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> f.toString().contains("/src/"))
              .toList()) {
        Matcher matcher = declaration.matcher(Files.readString(file));
        while (matcher.find()) {
          types.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
      }
    }
    return types;
  }

  @Test
  void everyTypeItNamesExists() throws IOException {
    String document = Files.readString(DOCUMENT);
    Set<String> types = types();
    List<String> missing = new ArrayList<>();
    Matcher matcher = TYPE.matcher(document);
    int named = 0;
    while (matcher.find()) {
      String name = matcher.group(1);
      // Condition types and reasons, and SQL words (`DO`, `EXECUTE`): never Java types here.
      if (NOT_TYPES.contains(name) || name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
        continue;
      }
      named++;
      if (!types.contains(name)) {
        missing.add(matcher.group(0));
      }
    }
    assertThat(missing).isEmpty();
    assertThat(named).isGreaterThan(40);
  }

  @Test
  void everyFileItNamesExists() throws IOException {
    String document = Files.readString(DOCUMENT);
    Matcher matcher = FILE.matcher(document);
    List<String> missing = new ArrayList<>();
    int named = 0;
    while (matcher.find()) {
      // Build outputs (the shaded jar) exist only after the package phase.
      if (matcher.group(1).contains("target/")) {
        continue;
      }
      named++;
      if (!Files.exists(ROOT.resolve(matcher.group(1)))) {
        missing.add(matcher.group(1));
      }
    }
    assertThat(missing).isEmpty();
    assertThat(named).isGreaterThanOrEqualTo(2);
  }
}
