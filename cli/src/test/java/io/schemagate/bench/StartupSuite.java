package io.schemagate.bench;

import io.schemagate.testing.Databases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: one command of the command line from process start to exit, on a SQLite database at
 * head, as {@code java -jar}, through {@code migrate.sh} (client compiler, serial collector, its
 * class-data archive) and, beside them, Flyway's own command line doing the same.
 */
final class StartupSuite {
  private final BenchOptions options;
  private final FlywayCommandLine flyway;
  private final Report report;

  StartupSuite(BenchOptions options, FlywayCommandLine flyway, Report report) {
    this.options = options;
    this.flyway = flyway;
    this.report = report;
  }

  /** schemagate's jar, as {@code bench/run} and the build package it. */
  static Path jar() {
    return Path.of(System.getProperty("schemagate.jar", "operator/target/schemagate.jar"))
        .toAbsolutePath();
  }

  void run() throws Exception {
    Path jar = jar();
    Path migrateSh = jar.toAbsolutePath().getParent().getParent().getParent().resolve("migrate.sh");
    Path dir = Files.createTempDirectory("schemagate-bench-startup");
    Path bundle = Databases.exampleMigrations();
    String url = "sqlite:///" + dir.resolve("app.db");
    List<String> env = List.of("DATABASE_URL=" + url, "MIGRATIONS_DIR=" + bundle);
    run(dir, env, "java", "-jar", jar.toString(), "upgrade");
    // The first run through migrate.sh writes its class-data archive; it is not measured.
    run(dir, env, "bash", migrateSh.toString(), "status");
    int runs = options.startupRuns();
    String note = "SQLite at head, 6 migrations; median of " + runs;
    report.add(
        "startup",
        "schemagate status, java -jar",
        times(runs, dir, env, "java", "-jar", jar.toString(), "status"),
        "ms",
        note);
    report.add(
        "startup",
        "schemagate status, migrate.sh",
        times(runs, dir, env, "bash", migrateSh.toString(), "status"),
        "ms",
        note + "; C1, serial GC, class-data archive");
    report.add(
        "startup",
        "schemagate --version, migrate.sh",
        times(runs, dir, env, "bash", migrateSh.toString(), "--version"),
        "ms",
        "no database");
    if (flyway != null) {
      String jdbc = "jdbc:sqlite:" + dir.resolve("app.db");
      // Flyway reads one folder: the common scripts with SQLite's own in their place.
      Path flat = Files.createDirectories(dir.resolve("flyway-scripts"));
      try (var files = Files.list(bundle)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path sqlite = bundle.resolve("sqlite").resolve(file.getFileName());
          Files.copy(Files.exists(sqlite) ? sqlite : file, flat.resolve(file.getFileName()));
        }
      }
      List<Double> info = new ArrayList<>();
      List<Double> version = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        flyway.info(jdbc, flat);
        info.add((System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        flyway.version();
        version.add((System.nanoTime() - start) / 1e6);
      }
      report.add("startup", "flyway info (Flyway's command line)", Stats.of(info), "ms", note);
      report.add("startup", "flyway --version", Stats.of(version), "ms", "no database");
    }
  }

  private Stats times(int runs, Path dir, List<String> env, String... command) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      run(dir, env, command);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return Stats.of(millis);
  }

  private static void run(Path dir, List<String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.equals("JAVA_OPTS") || k.equals("SCHEMAGATE_JAR"));
    for (String pair : env) {
      int eq = pair.indexOf('=');
      builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }
}
