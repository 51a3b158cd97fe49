package io.schemagate.bench;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.MigrationListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Big bundle: one fresh schema receiving thousands of small migrations (at a quarter, half and all
 * of the size, to show how the cost grows), then a few pending on top of all of them applied.
 */
final class BigBundleSuite {
  private static final String SCHEMA = "big";

  private final BenchOptions options;
  private final BenchDatabase db;
  private final FlywayCommandLine flyway;
  private final Report report;

  BigBundleSuite(BenchOptions options, BenchDatabase db, FlywayCommandLine flyway, Report report) {
    this.options = options;
    this.db = db;
    this.flyway = flyway;
    this.report = report;
  }

  void run() throws Exception {
    int full = options.bigBundle();
    TreeSet<Integer> sizes =
        new TreeSet<>(List.of(Math.max(1, full / 4), Math.max(1, full / 2), full));
    Map<Integer, List<Double>> engine = new LinkedHashMap<>();
    Map<Integer, List<Double>> grouped = new LinkedHashMap<>();
    Map<Integer, List<Double>> flywayExecutor = new LinkedHashMap<>();
    Map<Integer, List<Double>> flywayGrouped = new LinkedHashMap<>();
    Map<Integer, List<Double>> raw = new LinkedHashMap<>();
    List<Double> cli = new ArrayList<>();
    List<Double> cliStart = new ArrayList<>();
    for (int rep = 0; rep < options.repetitions(); rep++) {
      for (int size : sizes) {
        Map<String, String> scripts = Workloads.small(size);
        raw.computeIfAbsent(size, k -> new ArrayList<>()).add(raw(scripts.values()));
        engine.computeIfAbsent(size, k -> new ArrayList<>()).add(schemagate(scripts, OWN, null));
        grouped
            .computeIfAbsent(size, k -> new ArrayList<>())
            .add(schemagate(scripts, OWN_GROUP, null));
        flywayExecutor
            .computeIfAbsent(size, k -> new ArrayList<>())
            .add(schemagate(scripts, FLYWAY, null));
        flywayGrouped
            .computeIfAbsent(size, k -> new ArrayList<>())
            .add(schemagate(scripts, FLYWAY_GROUP, null));
      }
      if (flyway != null) {
        cli.add(cli(Workloads.small(full), null));
        cliStart.add(timed(flyway::version));
      }
    }
    Stats fullEngine = null;
    Stats fullRaw = null;
    Stats fullGrouped = null;
    for (int size : sizes) {
      Stats e =
          report.add(
              "big bundle",
              "schemagate engine, fresh schema, " + size + " migrations",
              Stats.of(engine.get(size)),
              "s",
              "");
      Stats g =
          report.add(
              "big bundle",
              "schemagate engine with spec.flyway.group, " + size + " migrations",
              Stats.of(grouped.get(size)),
              "s",
              "one transaction");
      report.add(
          "big bundle",
          "schemagate engine, Flyway's executor, " + size + " migrations",
          Stats.of(flywayExecutor.get(size)),
          "s",
          "--executor=flyway");
      report.add(
          "big bundle",
          "schemagate engine, Flyway's executor with group, " + size + " migrations",
          Stats.of(flywayGrouped.get(size)),
          "s",
          "--executor=flyway, one transaction");
      Stats r =
          report.add(
              "big bundle",
              "raw SQL over JDBC, " + size + " migrations",
              Stats.of(raw.get(size)),
              "s",
              "");
      if (size == full) {
        fullEngine = e;
        fullGrouped = g;
        fullRaw = r;
      }
    }
    if (flyway != null) {
      report.add(
          "big bundle",
          "Flyway command line, fresh schema, " + full + " migrations",
          Stats.of(cli),
          "s",
          "one JVM, start included");
      report.add(
          "big bundle",
          "Flyway command line start alone (flyway --version)",
          Stats.of(cliStart),
          "s",
          "");
    }
    double ratio = fullEngine.median() / fullRaw.median();
    double groupedRatio = fullGrouped.median() / fullRaw.median();
    report.verdict(
        "Big bundle within 1.5x of the raw-SQL limit",
        Report.format(ratio)
            + "x by default, "
            + Report.format(groupedRatio)
            + "x with group ("
            + full
            + " migrations)",
        ratio <= 1.5);
    int smallest = sizes.first();
    if (smallest < full) {
      double perSmall = median(engine.get(smallest)) / smallest;
      double perFull = median(engine.get(full)) / full;
      double growth = perFull / perSmall;
      report.add(
          "big bundle",
          "schemagate: cost per migration at " + full + " over at " + smallest,
          Stats.of(List.of(growth)),
          "x",
          "1.0 = linear");
      report.verdict(
          "Big bundle grows linearly with the number of migrations",
          Report.format(perFull * 1000)
              + " ms per migration at "
              + full
              + ", "
              + Report.format(perSmall * 1000)
              + " ms at "
              + smallest
              + " ("
              + Report.format(growth)
              + "x)",
          growth <= 1.25);
    }
    pending(full);
    roundTrips(Math.min(full, 200));
  }

  /**
   * Round trips each contender makes per migration, counted at the wire by a relay in front of the
   * server (one untimed run each, as the relay adds latency to every trip).
   */
  private void roundTrips(int size) throws Exception {
    Map<String, String> scripts = Workloads.small(size);
    try (RoundTripCounter wire = new RoundTripCounter("127.0.0.1", db.port())) {
      String via = ":" + wire.port() + "/";
      String direct = ":" + db.port() + "/";
      perMigration(
          wire,
          size,
          "raw SQL over JDBC",
          database ->
              RawSql.apply(
                  db.jdbcUrl(database).replace(direct, via), db.user(), SCHEMA, scripts.values()));
      perMigration(
          wire,
          size,
          "schemagate engine",
          database -> schemagateAt(db.schemagateUrl(database, wire.port()), scripts, OWN));
      perMigration(
          wire,
          size,
          "schemagate engine with spec.flyway.group",
          database -> schemagateAt(db.schemagateUrl(database, wire.port()), scripts, OWN_GROUP));
      perMigration(
          wire,
          size,
          "schemagate engine, Flyway's executor",
          database -> schemagateAt(db.schemagateUrl(database, wire.port()), scripts, FLYWAY));
      perMigration(
          wire,
          size,
          "schemagate engine, Flyway's executor with group",
          database -> schemagateAt(db.schemagateUrl(database, wire.port()), scripts, FLYWAY_GROUP));
      if (flyway != null) {
        Path dir = Workloads.write(scripts);
        perMigration(
            wire,
            size,
            "Flyway command line",
            database ->
                flyway.migrate(db.jdbcUrl(database).replace(direct, via), db.user(), SCHEMA, dir));
      }
    }
  }

  interface OnDatabase {
    void run(String database) throws Exception;
  }

  private void perMigration(RoundTripCounter wire, int size, String who, OnDatabase work)
      throws Exception {
    String database = db.fresh(null);
    try {
      long before = wire.trips();
      work.run(database);
      double trips = (wire.trips() - before) / (double) size;
      report.add(
          "big bundle",
          "round trips per migration: " + who,
          Stats.of(List.of(trips)),
          "",
          "fresh schema, " + size + " migrations, counted at the wire");
    } finally {
      db.drop(database);
    }
  }

  private void pending(int full) throws Exception {
    int extra = options.bigPending();
    Map<String, String> all = Workloads.small(full + extra);
    Map<String, String> applied = Workloads.small(full);
    List<String> newOnes = new ArrayList<>(all.values()).subList(full, full + extra);
    String template = db.fresh(null);
    schemagateOn(template, applied, OWN_GROUP);
    List<Double> engine = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    try {
      for (int rep = 0; rep < options.repetitions(); rep++) {
        engine.add(schemagate(all, OWN, template));
        String database = db.fresh(template);
        try {
          raw.add(timed(() -> RawSql.apply(db, database, SCHEMA, newOnes)));
        } finally {
          db.drop(database);
        }
        if (flyway != null) {
          cli.add(cli(all, template));
        }
      }
    } finally {
      db.drop(template);
    }
    String what = extra + " pending on " + full + " applied";
    Stats e = report.add("big bundle", "schemagate engine, " + what, Stats.of(engine), "s", "");
    Stats r =
        report.add(
            "big bundle",
            "raw SQL over JDBC, the " + extra + " new scripts only",
            Stats.of(raw),
            "s",
            "");
    if (flyway != null) {
      report.add(
          "big bundle",
          "Flyway command line, " + what,
          Stats.of(cli),
          "s",
          "one JVM, start included");
    }
    report.note(
        "Pending on applied: schemagate takes "
            + Report.format(e.median())
            + " s where the SQL alone takes "
            + Report.format(r.median())
            + " s; the rest is reading and checksumming the applied history.");
  }

  private double raw(java.util.Collection<String> scripts) throws Exception {
    String database = db.fresh(null);
    try {
      return timed(() -> RawSql.apply(db, database, SCHEMA, scripts));
    } finally {
      db.drop(database);
    }
  }

  /** Opens the engine, reads the bundle and upgrades, timed as a whole. */
  private double schemagate(Map<String, String> scripts, Executor executor, String template)
      throws Exception {
    String database = db.fresh(template);
    try {
      return timed(() -> schemagateOn(database, scripts, executor));
    } finally {
      db.drop(database);
    }
  }

  private void schemagateOn(String database, Map<String, String> scripts, Executor executor) {
    schemagateAt(db.schemagateUrl(database, db.port()), scripts, executor);
  }

  /** Which executor runs the scripts, with or without {@code group}. */
  record Executor(String name, boolean group) {}

  static final Executor OWN = new Executor("schemagate", false);
  static final Executor OWN_GROUP = new Executor("schemagate", true);
  static final Executor FLYWAY = new Executor("flyway", false);
  static final Executor FLYWAY_GROUP = new Executor("flyway", true);

  static void schemagateAt(String url, Map<String, String> scripts, Executor executor) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    scripts.forEach((name, sql) -> files.put(name, sql.getBytes(StandardCharsets.UTF_8)));
    Bundle bundle = BundleLoader.fromFiles("bench", files);
    EngineSettings settings =
        new EngineSettings.Builder()
            .flyway(FlywayOptions.none().with("executor", executor.name(), "bench"))
            .schemas(List.of(SCHEMA))
            .group(executor.group())
            .build();
    try (MigrationEngine engine =
        MigrationEngine.open(
            DatabaseUrl.parse(url), bundle, settings, ConnectionSettings.DEFAULT)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
  }

  private double cli(Map<String, String> scripts, String template) throws Exception {
    Path dir = Workloads.write(scripts);
    String database = db.fresh(template);
    try {
      return timed(() -> flyway.migrate(db.jdbcUrl(database), db.user(), SCHEMA, dir));
    } finally {
      db.drop(database);
    }
  }

  private static double median(List<Double> values) {
    return Stats.of(values).median();
  }

  interface Work {
    void run() throws Exception;
  }

  static double timed(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
