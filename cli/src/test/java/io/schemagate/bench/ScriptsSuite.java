package io.schemagate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many one-statement scripts on a fresh database through each command line, end to end (the JVM's
 * start included): schemagate with its own executor and with Flyway's, Flyway's own command line,
 * and {@code psql} running the same files in one session, the floor a migration tool can approach.
 */
final class ScriptsSuite {
  private static final String SCHEMA = "big";

  private final BenchOptions options;
  private final BenchDatabase db;
  private final FlywayCommandLine flyway;
  private final Report report;

  ScriptsSuite(BenchOptions options, BenchDatabase db, FlywayCommandLine flyway, Report report) {
    this.options = options;
    this.db = db;
    this.flyway = flyway;
    this.report = report;
  }

  void run() throws Exception {
    Path jar = StartupSuite.jar();
    boolean psql = psqlAnswers();
    Map<Integer, Double> perScript = new LinkedHashMap<>();
    for (int count : options.scriptCounts()) {
      Path dir = Workloads.write(Workloads.oneStatement(count));
      List<String> files =
          Workloads.oneStatement(count).keySet().stream()
              .map(name -> dir.resolve(name).toString())
              .toList();
      List<Double> own = new ArrayList<>();
      List<Double> flywayExecutor = new ArrayList<>();
      List<Double> flywayCli = new ArrayList<>();
      List<Double> psqlRuns = new ArrayList<>();
      for (int rep = 0; rep < options.repetitions(); rep++) {
        own.add(onFresh(database -> schemagate(jar, database, dir, "schemagate")));
        flywayExecutor.add(onFresh(database -> schemagate(jar, database, dir, "flyway")));
        if (flyway != null) {
          flywayCli.add(
              onFresh(database -> flyway.migrate(db.jdbcUrl(database), db.user(), SCHEMA, dir)));
        }
        if (psql) {
          psqlRuns.add(onFresh(database -> psql(database, files)));
        }
      }
      String what = count + " one-statement scripts, fresh database";
      Stats o =
          report.add(
              "scripts",
              "schemagate upgrade, " + what,
              Stats.of(own),
              "s",
              "command line, JVM start included");
      report.add(
          "scripts",
          "schemagate upgrade --executor=flyway, " + what,
          Stats.of(flywayExecutor),
          "s",
          "command line, JVM start included");
      if (flyway != null) {
        report.add(
            "scripts",
            "Flyway command line, " + what,
            Stats.of(flywayCli),
            "s",
            "JVM start included");
      }
      perScript.put(count, o.median() / count);
      if (psql) {
        Stats p =
            report.add(
                "scripts",
                "psql -f of the same files, " + what,
                Stats.of(psqlRuns),
                "s",
                "one session, no history");
        report.verdict(
            "schemagate within 3x of psql on " + count + " scripts",
            Report.format(o.median() / p.median())
                + "x ("
                + Report.format(o.median())
                + " s against "
                + Report.format(p.median())
                + " s)",
            o.median() / p.median() <= 3);
      }
    }
    if (perScript.size() > 1) {
      List<Integer> counts = new ArrayList<>(perScript.keySet());
      int small = counts.get(0);
      int large = counts.get(counts.size() - 1);
      double growth = perScript.get(large) / perScript.get(small);
      report.add(
          "scripts",
          "schemagate: cost per script at " + large + " over at " + small,
          Stats.of(List.of(growth)),
          "x",
          "1.0 = linear; the JVM's start is spread over more scripts at " + large);
      report.verdict(
          "Cost per script at " + large + " within 1.1x of the cost at " + small,
          Report.format(growth) + "x",
          growth <= 1.1);
    }
  }

  private interface OnDatabase {
    void run(String database) throws Exception;
  }

  private double onFresh(OnDatabase work) throws Exception {
    String database = db.fresh(null);
    try {
      return BigBundleSuite.timed(() -> work.run(database));
    } finally {
      db.drop(database);
    }
  }

  private void schemagate(Path jar, String database, Path dir, String executor) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The build's options for the processes tests start; none under bench/run.
    command.addAll(io.schemagate.testing.ChildJvm.options());
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "upgrade",
            "--schema",
            SCHEMA,
            "--executor",
            executor,
            "--migrations-dir",
            dir.toString()));
    run(command, Map.of("DATABASE_URL", db.schemagateUrl(database, db.port())));
  }

  private void psql(String database, List<String> files) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                db.host(),
                "-p",
                Integer.toString(db.port()),
                "-U",
                db.user(),
                "-d",
                database,
                "-c",
                "CREATE SCHEMA " + SCHEMA,
                "-c",
                "SET search_path = " + SCHEMA));
    for (String file : files) {
      command.add("-f");
      command.add(file);
    }
    run(command, Map.of());
  }

  private boolean psqlAnswers() {
    try {
      run(List.of("psql", "--version"), Map.of());
      return true;
    } catch (Exception e) {
      report.note("psql is not installed: the psql rows are left out.");
      return false;
    }
  }

  private static void run(List<String> command, Map<String, String> env) throws Exception {
    Path output = Files.createTempFile("schemagate-bench-scripts", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(output.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        String text = Files.readString(output);
        throw new IllegalStateException(
            String.join(" ", command.subList(0, Math.min(4, command.size())))
                + " exited with "
                + process.exitValue()
                + ": "
                + text.substring(0, Math.min(2000, text.length())));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
