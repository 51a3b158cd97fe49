package io.schemagate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The benchmark program: schemagate side by side with Flyway's command line and raw SQL on one real
 * PostgreSQL, in one run. Started by {@code bench/run}; prints each figure as it comes and writes
 * the table into the report file between its markers.
 */
public final class Benchmarks {
  static final String BEGIN = "<!-- bench:begin -->";
  static final String END = "<!-- bench:end -->";

  /** Held so the setting stays: the mock API server logs every request at INFO otherwise. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      System.out.println(
          "bench/run [--name=value ...]; the options and their defaults: "
              + BenchOptions.describe(BenchOptions.parse()));
      return;
    }
    if (java.util.Arrays.asList(args).contains("--charts-only")) {
      // The charts of the report as it is, without measuring anything.
      String report =
          java.util.Arrays.stream(args)
              .filter(a -> a.startsWith("--report="))
              .map(a -> a.substring("--report=".length()))
              .findFirst()
              .orElse("docs/benchmarks.md");
      BenchCharts.redraw(Path.of(report));
      System.out.println("Redrew the charts of " + report);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (BenchDatabase db = BenchDatabase.start()) {
      Report report = run(options, db);
      if (options.report() != null) {
        String generated = withEarlierRows(options, report, header(options, db.describe()));
        writeInto(options.report(), generated + BenchCharts.write(options.report(), generated));
        System.out.println("Wrote " + options.report());
      }
    }
  }

  /** Runs the chosen suites on {@code db} and returns their figures. */
  static Report run(BenchOptions options, BenchDatabase db) throws Exception {
    Report report = new Report();
    FlywayCommandLine flyway =
        options.flywayClasspath() == null ? null : new FlywayCommandLine(options.flywayClasspath());
    System.out.println("PostgreSQL: " + db.describe() + "; " + BenchOptions.describe(options));
    if (options.runs("fanout")) {
      new FanOutSuite(options, db, flyway, report).run();
    }
    if (options.runs("bigbundle")) {
      new BigBundleSuite(options, db, flyway, report).run();
    }
    if (options.runs("scripts")) {
      new ScriptsSuite(options, db, flyway, report).run();
    }
    if (options.runs("steady")) {
      new SteadySuite(options, db, report).run();
    }
    if (options.runs("gate")) {
      new GateSuite(options, db, report).run();
    }
    if (options.runs("startup")) {
      new StartupSuite(options, flyway, report).run();
    }
    if (options.runs("lint")) {
      new LintSuite(options, db, report).run();
    }
    return report;
  }

  static String header(BenchOptions options, String database) throws Exception {
    return "Run of "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + " on "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + memory()
        + ", "
        + cpuModel()
        + "; Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "); "
        + database
        + ".\n\nCommand: `bench/run "
        + BenchOptions.describe(options)
        + "`\n";
  }

  private static String memory() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return Math.round(kib / 1024.0 / 1024.0) + " GiB memory";
      }
    }
    return "memory unknown";
  }

  private static String cpuModel() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "CPU model unknown";
  }

  /** The table label of each suite, as its rows name it. */
  static final java.util.Map<String, String> LABELS =
      java.util.Map.of(
          "fanout",
          "fan-out",
          "bigbundle",
          "big bundle",
          "scripts",
          "scripts",
          "steady",
          "steady",
          "gate",
          "gate",
          "startup",
          "startup",
          "lint",
          "lint");

  /**
   * The report, keeping the previous report's rows of the suites this run skipped, so a single
   * suite can be measured again without losing the others.
   */
  static String withEarlierRows(BenchOptions options, Report report, String header)
      throws Exception {
    Path file = options.report();
    String text = Files.exists(file) ? Files.readString(file) : "";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin || options.suites().size() == BenchOptions.ALL_SUITES.size()) {
      return report.markdown(header);
    }
    java.util.Set<String> skipped = new java.util.HashSet<>();
    LABELS.forEach(
        (suite, label) -> {
          if (!options.runs(suite)) {
            skipped.add(label);
          }
        });
    java.util.List<String> rows = new java.util.ArrayList<>();
    java.util.List<String> targets = new java.util.ArrayList<>();
    String from = null;
    String earlier = null;
    boolean inTargets = false;
    for (String line : text.substring(begin, end).split("\n")) {
      if (line.startsWith("Run of ") && from == null) {
        from = line.length() > 40 ? line.substring(0, line.indexOf(" on ")) : line;
      } else if (line.startsWith(CARRIED)) {
        // That report's own carried rows keep their provenance.
        earlier = line.substring(CARRIED.length()).replaceFirst("^\\s*(from)?:\\s*", "").strip();
      } else if (line.startsWith("## Targets")) {
        inTargets = true;
      } else if (line.startsWith("| ")) {
        String[] cells = line.split("\\|");
        if (cells.length > 2 && skipped.contains(cells[1].strip())) {
          (inTargets ? targets : rows).add(line);
        }
      }
    }
    return rows.isEmpty() && targets.isEmpty()
        ? report.markdown(header)
        : report.markdown(
            header,
            rows,
            targets,
            earlier == null ? from : from + "; that report's own note: " + earlier);
  }

  /** How a report's note on carried rows starts. */
  static final String CARRIED = "- Rows of suites not run this time are carried over";

  /** Replaces the text between the markers of {@code file}, or writes a new file. */
  static void writeInto(Path file, String generated) throws Exception {
    String block = BEGIN + "\n" + generated + END;
    String text = Files.exists(file) ? Files.readString(file) : "";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    String updated =
        begin >= 0 && end > begin
            ? text.substring(0, begin) + block + text.substring(end + END.length())
            : text + (text.isEmpty() ? "" : "\n") + block + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, updated);
  }
}
