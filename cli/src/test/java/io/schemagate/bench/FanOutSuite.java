package io.schemagate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fan-out: N schemas each receiving the same realistic bundle, by the operator, by one Flyway
 * process per schema, and by raw SQL, at the same parallelism.
 */
final class FanOutSuite {
  private final BenchOptions options;
  private final BenchDatabase db;
  private final FlywayCommandLine flyway;
  private final Report report;
  private final List<Double> operatorCpu = new ArrayList<>();

  FanOutSuite(BenchOptions options, BenchDatabase db, FlywayCommandLine flyway, Report report) {
    this.options = options;
    this.db = db;
    this.flyway = flyway;
    this.report = report;
  }

  void run() throws Exception {
    int n = options.targets();
    int m = options.migrations();
    int p = options.parallelism();
    Map<String, String> scripts = Workloads.realistic(m);
    Path dir = Workloads.write(scripts);
    List<Double> operator = new ArrayList<>();
    List<Double> grouped = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> fleet = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int rep = 0; rep < options.repetitions(); rep++) {
      raw.add(raw(scripts, n, p));
      double[] times = operator(scripts, n, m, p, false, true);
      operator.add(times[0]);
      warm.add(times[1]);
      grouped.add(operator(scripts, n, m, p, true, false)[0]);
      fleet.add(fleet(scripts, n, m, p));
      if (flyway != null && rep < options.cliRepetitions()) {
        cli.add(cli(dir, n, m, p));
      }
    }
    String what = n + " schemas x " + m + " migrations, parallelism " + p;
    Stats a =
        report.add(
            "fan-out",
            "(a) schemagate operator, apply to all Ready: " + what,
            Stats.of(operator),
            "s",
            "");
    report.add(
        "fan-out",
        "(a) CPU used by the operator process meanwhile",
        Stats.of(operatorCpu),
        "s",
        "user + system, both variants of (a)");
    report.add(
        "fan-out",
        "(a) the same with spec.flyway.group: true (one transaction per target)",
        Stats.of(grouped),
        "s",
        "");
    Stats w =
        report.add(
            "fan-out",
            "(a) the same on a warm operator: " + what,
            Stats.of(warm),
            "s",
            "the same operator's second round, into another database: its JIT has compiled");
    Stats c =
        report.add(
            "fan-out", "(c) raw SQL over JDBC, no bookkeeping: " + what, Stats.of(raw), "s", "");
    Stats f =
        report.add(
            "fan-out",
            "(f) one fleet resource (spec.schemaTargets) of the same schemas, to Ready: " + what,
            Stats.of(fleet),
            "s",
            "default rollout: a canary, then waves of 25%, maxParallel " + p);
    report.add(
        "fan-out",
        "ratio (f)/(c): one fleet resource against the raw-SQL limit",
        Stats.of(List.of(f.median() / c.median())),
        "x",
        "");
    report.add(
        "fan-out",
        "ratio (a)/(f): " + n + " separate resources against one fleet resource",
        Stats.of(List.of(a.median() / f.median())),
        "x",
        "");
    double limitRatio = a.median() / c.median();
    report.add(
        "fan-out",
        "ratio (a)/(c): schemagate against the raw-SQL limit",
        Stats.of(List.of(limitRatio)),
        "x",
        "an operator started for the run: its JIT compiles while it works");
    double warmRatio = w.median() / c.median();
    report.add(
        "fan-out",
        "ratio (a, warm)/(c): a warm operator against the raw-SQL limit",
        Stats.of(List.of(warmRatio)),
        "x",
        "");
    report.verdict(
        "Fan-out within 1.5x of the raw-SQL limit",
        Report.versus(limitRatio, a, c) + "; warm: " + Report.versus(warmRatio, w, c),
        Math.min(limitRatio, warmRatio) <= 1.5);
    if (cli.isEmpty()) {
      report.note(
          "Flyway's command line was not run (no --flyway-classpath): bench/run resolves it.");
      return;
    }
    Stats b =
        report.add(
            "fan-out",
            "(b) Flyway command line, one JVM per schema: " + what,
            Stats.of(cli),
            "s",
            "");
    double speedup = b.median() / a.median();
    report.add(
        "fan-out",
        "ratio (b)/(a): one Flyway process per schema against schemagate",
        Stats.of(List.of(speedup)),
        "x",
        "");
    report.verdict(
        "Fan-out at least 10x faster than one Flyway process per target",
        Report.versus(speedup, b, a),
        speedup >= 10);
  }

  private double raw(Map<String, String> scripts, int n, int p) throws Exception {
    String database = db.fresh(null);
    try {
      double seconds =
          Parallel.run(p, n, i -> RawSql.apply(db, database, "t_" + i, scripts.values()));
      return seconds;
    } finally {
      db.drop(database);
    }
  }

  /**
   * The operator, started for the run, applies the bundle to {@code n} schemas: the first time;
   * with {@code warmToo}, a second time into another database, the same operator now warm (its JIT
   * has compiled what a running operator has long compiled). The times of both rounds.
   */
  private double[] operator(
      Map<String, String> scripts, int n, int m, int p, boolean group, boolean warmToo)
      throws Exception {
    String database = db.fresh(null);
    String second = warmToo ? db.fresh(null) : null;
    try (OperatorUnderTest operator = OperatorUnderTest.start(p, Duration.ofMinutes(10), false);
        ReadyWatch watch = new ReadyWatch(operator.client())) {
      double cpuBefore = operator.cpuSeconds();
      long start = System.nanoTime();
      operator.bundle("fanout-bundle", scripts);
      round(operator, db.schemagateUrl(database, db.port()), "target-", n, group);
      double cold = (watch.awaitReady(n, Duration.ofMinutes(30)) - start) / 1e9;
      operatorCpu.add(operator.cpuSeconds() - cpuBefore);
      checkApplied(database, n, m);
      if (!warmToo) {
        return new double[] {cold, Double.NaN};
      }
      long again = System.nanoTime();
      round(operator, db.schemagateUrl(second, db.port()), "again-", n, group);
      double warm = (watch.awaitReady(2 * n, Duration.ofMinutes(30)) - again) / 1e9;
      checkApplied(second, n, m);
      return new double[] {cold, warm};
    } finally {
      db.drop(database);
      if (second != null) {
        db.drop(second);
      }
    }
  }

  /** One fleet resource whose targets are the {@code n} schemas, from the canary to all Ready. */
  private double fleet(Map<String, String> scripts, int n, int m, int p) throws Exception {
    String database = db.fresh(null);
    try (OperatorUnderTest operator = OperatorUnderTest.start(p, Duration.ofMinutes(10), false);
        ReadyWatch watch = new ReadyWatch(operator.client())) {
      long start = System.nanoTime();
      operator.bundle("fanout-bundle", scripts);
      var resource =
          OperatorUnderTest.migration(
              "fleet", db.schemagateUrl(database, db.port()), "t_0", "fanout-bundle");
      resource.getSpec().database.schemas.clear();
      resource.getSpec().schemaTargets = new io.schemagate.api.SchemaTargets();
      for (int i = 0; i < n; i++) {
        resource.getSpec().schemaTargets.names.add("t_" + i);
      }
      resource.getSpec().rollout.maxParallel = p;
      operator.create(resource);
      double seconds = (watch.awaitReady(1, Duration.ofMinutes(30)) - start) / 1e9;
      checkApplied(database, n, m);
      return seconds;
    } finally {
      db.drop(database);
    }
  }

  private static void round(
      OperatorUnderTest operator, String url, String prefix, int n, boolean group)
      throws Exception {
    for (int i = 0; i < n; i++) {
      var resource = OperatorUnderTest.migration(prefix + i, url, "t_" + i, "fanout-bundle");
      resource.getSpec().flyway.group = group;
      operator.create(resource);
    }
  }

  private double cli(Path dir, int n, int m, int p) throws Exception {
    String database = db.fresh(null);
    try {
      double seconds =
          Parallel.run(p, n, i -> flyway.migrate(db.jdbcUrl(database), db.user(), "t_" + i, dir));
      checkApplied(database, n, m);
      return seconds;
    } finally {
      db.drop(database);
    }
  }

  /** Every schema holds every migration exactly once, successfully. */
  private void checkApplied(String database, int n, int m) throws Exception {
    for (int i = 0; i < n; i++) {
      long rows =
          db.count(
              database,
              "SELECT COUNT(*) FROM t_"
                  + i
                  + ".flyway_schema_history WHERE version IS NOT NULL AND success");
      if (rows != m) {
        throw new IllegalStateException(
            "Schema t_" + i + " holds " + rows + " migrations, not " + m);
      }
    }
  }
}
