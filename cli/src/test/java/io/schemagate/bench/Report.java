package io.schemagate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run: printed as they come, then written as Markdown. */
final class Report {
  /** One measured figure: the median of its repetitions with their range. */
  record Row(String suite, String what, Stats stats, String unit, String note) {}

  /** A target of the benchmark and whether this run met it. */
  record Verdict(String suite, String target, String measured, boolean met) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<Verdict> verdicts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Stats add(String suite, String what, Stats stats, String unit, String note) {
    Row row = new Row(suite, what, stats, unit, note);
    rows.add(row);
    System.out.printf(
        Locale.ROOT,
        "%-10s %-62s %12s %s  (min %s, max %s, n=%d)%s%n",
        suite,
        what,
        format(stats.median()),
        unit,
        format(stats.min()),
        format(stats.max()),
        stats.count(),
        note.isEmpty() ? "" : "  " + note);
    return stats;
  }

  void verdict(String target, String measured, boolean met) {
    String suite = rows.isEmpty() ? "" : rows.get(rows.size() - 1).suite();
    verdicts.add(new Verdict(suite, target, measured, met));
    System.out.printf("%-7s %s: %s%n", met ? "MET" : "MISSED", target, measured);
  }

  void note(String text) {
    notes.add(text);
    System.out.println("note: " + text);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  List<Verdict> verdicts() {
    return List.copyOf(verdicts);
  }

  /** "3.54x (71.5 s against 20.2 s)": a ratio and the two medians it comes from. */
  static String versus(double ratio, Stats a, Stats b) {
    return format(ratio) + "x (" + format(a.median()) + " s against " + format(b.median()) + " s)";
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  String markdown(String header) {
    return markdown(header, List.of(), List.of(), null);
  }

  /**
   * The report, with rows and targets of suites this run skipped carried over from the previous
   * report (named by {@code carriedFrom}), so one suite can be measured again on its own.
   */
  String markdown(
      String header, List<String> carriedRows, List<String> carriedTargets, String carriedFrom) {
    StringBuilder md = new StringBuilder(header);
    md.append("\n## Figures\n\n| Suite | Measurement | Median | Min | Max | Runs | Note |\n")
        .append("|---|---|---:|---:|---:|---:|---|\n");
    for (Row row : rows) {
      md.append("| ")
          .append(row.suite())
          .append(" | ")
          .append(row.what())
          .append(" | ")
          .append(format(row.stats().median()))
          .append(' ')
          .append(row.unit())
          .append(" | ")
          .append(format(row.stats().min()))
          .append(" | ")
          .append(format(row.stats().max()))
          .append(" | ")
          .append(row.stats().count())
          .append(" | ")
          .append(row.note())
          .append(" |\n");
    }
    carriedRows.forEach(line -> md.append(line).append('\n'));
    md.append("\n## Targets\n\n| Suite | Target | Measured | |\n|---|---|---|---|\n");
    for (Verdict verdict : verdicts) {
      md.append("| ")
          .append(verdict.suite())
          .append(" | ")
          .append(verdict.target())
          .append(" | ")
          .append(verdict.measured())
          .append(" | ")
          .append(verdict.met() ? "met" : "**missed**")
          .append(" |\n");
    }
    carriedTargets.forEach(line -> md.append(line).append('\n'));
    if (carriedFrom != null) {
      notes.add("Rows of suites not run this time are carried over from: " + carriedFrom);
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes from the run\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  void write(Path file, String header) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown(header));
  }
}
