package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Bundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The lint's labelled corpus ({@code src/test/resources/lint-corpus}): statements in the shapes
 * real migration folders write, each with the findings it must produce and no other. Read by {@code
 * LintCorpusTest} (no false positive, no miss) and by the benchmark (precision and recall per
 * rule).
 */
public final class LintCorpus {
  /**
   * One case.
   *
   * @param file the corpus file
   * @param name what it shows
   * @param kind the database it is linted for
   * @param newTables the tables created earlier in the plan
   * @param expected the rules it must produce, sorted
   * @param sql the script
   */
  public record Case(
      String file,
      String name,
      DatabaseKind kind,
      List<String> newTables,
      List<String> expected,
      String sql) {}

  /** One case's outcome: the rules found, sorted. */
  public record Outcome(Case of, List<String> found) {
    public boolean matches() {
      return of.expected().equals(found);
    }
  }

  private LintCorpus() {}

  /** The corpus folder, from any module's working directory. */
  public static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("lint/src/test/resources/lint-corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("lint/src/test/resources/lint-corpus not found");
  }

  /** Every case of every file, in order. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String name = file.getFileName().toString();
        DatabaseKind kind =
            name.startsWith("mysql") ? DatabaseKind.MARIADB : DatabaseKind.POSTGRESQL;
        cases.addAll(read(name, kind, Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static List<Case> read(String file, DatabaseKind kind, String text) {
    List<Case> cases = new ArrayList<>();
    String[] parts = text.split("(?m)^-- case: ");
    for (String part : Arrays.asList(parts).subList(1, parts.length)) {
      List<String> lines = new ArrayList<>(part.lines().toList());
      String name = lines.remove(0).strip();
      List<String> newTables = List.of();
      List<String> expected = List.of();
      // Header lines: the new tables, notes for the reader, then what to expect.
      while (!lines.isEmpty()
          && lines.get(0).startsWith("-- ")
          && !lines.get(0).startsWith("-- expect: ")) {
        String line = lines.remove(0);
        if (line.startsWith("-- new: ")) {
          newTables = list(line.substring("-- new: ".length()));
        }
      }
      if (lines.isEmpty() || !lines.get(0).startsWith("-- expect: ")) {
        throw new IllegalStateException(file + ", case " + name + ": no '-- expect:' line");
      }
      String expect = lines.remove(0).substring("-- expect: ".length()).strip();
      if (!expect.equals("none")) {
        expected = list(expect).stream().sorted().toList();
      }
      cases.add(new Case(file, name, kind, newTables, expected, String.join("\n", lines)));
    }
    return cases;
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Lints one case as a script of its own, after the statements that create its new tables. */
  public static Outcome lint(Case c) {
    StringBuilder script = new StringBuilder();
    for (String table : c.newTables()) {
      script.append("CREATE TABLE ").append(table).append(" (id INT);\n");
    }
    int setup = c.newTables().size();
    script.append(c.sql()).append('\n');
    Bundle bundle = Bundles.of("V1__case.sql", script.toString());
    List<String> found =
        Linter.lint(bundle.forDatabase(c.kind()).versioned(), c.kind(), EngineSettings.defaults())
            .stream()
            .filter(f -> f.line() > setup)
            .map(Finding::rule)
            .sorted()
            .toList();
    return new Outcome(c, found);
  }

  /**
   * Per rule: true positives, false positives and misses over {@code outcomes}, as {@code {tp, fp,
   * fn}}.
   */
  public static Map<String, int[]> counts(List<Outcome> outcomes) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      List<String> expected = new ArrayList<>(outcome.of().expected());
      for (String rule : outcome.found()) {
        int[] c = counts.computeIfAbsent(rule, r -> new int[3]);
        if (expected.remove(rule)) {
          c[0]++;
        } else {
          c[1]++;
        }
      }
      for (String missed : expected) {
        counts.computeIfAbsent(missed, r -> new int[3])[2]++;
      }
    }
    return counts;
  }
}
