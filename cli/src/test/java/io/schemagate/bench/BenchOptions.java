package io.schemagate.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run measures and how big it is.
 *
 * @param suites the suites to run: fanout, bigbundle, scripts, steady, gate, startup, lint
 * @param targets fan-out: schemas receiving the bundle
 * @param migrations fan-out: scripts in the bundle
 * @param parallelism targets worked at once, the same for every contender
 * @param repetitions repetitions of each measured run; the table quotes the median
 * @param cliRepetitions repetitions of the Flyway command-line fan-out, the longest run
 * @param bigBundle big bundle: scripts applied to a fresh schema
 * @param bigPending big bundle: scripts pending on top of the applied ones
 * @param steadyResources steady state: resources at their target
 * @param pods gate: pods waiting for the version
 * @param idleSeconds steady state: the idle window for CPU and re-check round trips
 * @param startupRuns start-up: how many times each command is started
 * @param scriptCounts scripts: the numbers of one-statement scripts run through each command line
 * @param flywayClasspath the classpath of Flyway's command line (bench/run resolves it)
 * @param report where the Markdown report goes, or null for none
 */
record BenchOptions(
    Set<String> suites,
    int targets,
    int migrations,
    int parallelism,
    int repetitions,
    int cliRepetitions,
    int bigBundle,
    int bigPending,
    int steadyResources,
    int pods,
    int idleSeconds,
    int startupRuns,
    List<Integer> scriptCounts,
    String flywayClasspath,
    Path report) {
  static final List<String> ALL_SUITES =
      List.of("fanout", "bigbundle", "scripts", "steady", "gate", "startup", "lint");

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("suites", String.join(",", ALL_SUITES));
    d.put("targets", "200");
    d.put("migrations", "25");
    d.put("parallelism", "4");
    d.put("repetitions", "3");
    d.put("cli-repetitions", "3");
    d.put("big-bundle", "2000");
    d.put("big-pending", "50");
    d.put("steady-resources", "1000");
    d.put("pods", "200");
    d.put("idle-seconds", "60");
    d.put("startup-runs", "10");
    d.put("script-counts", "1100,4400");
    d.put("flyway-classpath", "");
    d.put("report", "");
    return d;
  }

  /** Parses {@code --name=value} arguments over the defaults; unknown names are refused. */
  static BenchOptions parse(String... args) {
    Map<String, String> given = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
      }
      String name = arg.substring(2, eq);
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown option --"
                + name
                + "; the options are --"
                + String.join(", --", DEFAULTS.keySet()));
      }
      given.put(name, arg.substring(eq + 1));
    }
    Set<String> suites = new LinkedHashSet<>(List.of(given.get("suites").split(",")));
    for (String suite : suites) {
      if (!ALL_SUITES.contains(suite)) {
        throw new IllegalArgumentException(
            "Unknown suite '" + suite + "'; choose from " + String.join(",", ALL_SUITES));
      }
    }
    String report = given.get("report");
    return new BenchOptions(
        suites,
        number(given, "targets"),
        number(given, "migrations"),
        number(given, "parallelism"),
        number(given, "repetitions"),
        number(given, "cli-repetitions"),
        number(given, "big-bundle"),
        number(given, "big-pending"),
        number(given, "steady-resources"),
        number(given, "pods"),
        number(given, "idle-seconds"),
        number(given, "startup-runs"),
        numbers(given, "script-counts"),
        given.get("flyway-classpath").isEmpty() ? null : given.get("flyway-classpath"),
        report.isEmpty() ? null : Path.of(report));
  }

  /** The options as {@code --name=value} text, for the report. */
  static String describe(BenchOptions o) {
    return "--suites="
        + String.join(",", o.suites())
        + " --targets="
        + o.targets()
        + " --migrations="
        + o.migrations()
        + " --parallelism="
        + o.parallelism()
        + " --repetitions="
        + o.repetitions()
        + " --cli-repetitions="
        + o.cliRepetitions()
        + " --big-bundle="
        + o.bigBundle()
        + " --big-pending="
        + o.bigPending()
        + " --steady-resources="
        + o.steadyResources()
        + " --pods="
        + o.pods()
        + " --idle-seconds="
        + o.idleSeconds()
        + " --startup-runs="
        + o.startupRuns()
        + " --script-counts="
        + String.join(",", o.scriptCounts().stream().map(String::valueOf).toList());
  }

  private static List<Integer> numbers(Map<String, String> given, String name) {
    List<Integer> values = new java.util.ArrayList<>();
    for (String part : given.get(name).split(",")) {
      Map<String, String> one = Map.of(name, part.strip());
      values.add(number(one, name));
    }
    return List.copyOf(values);
  }

  private static int number(Map<String, String> given, String name) {
    String text = given.get(name);
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a whole number, got '" + text + "'");
    }
  }

  boolean runs(String suite) {
    return suites.contains(suite);
  }
}
