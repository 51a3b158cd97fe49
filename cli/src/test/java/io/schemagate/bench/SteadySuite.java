package io.schemagate.bench;

import static org.awaitility.Awaitility.await;

import io.schemagate.api.DatabaseMigration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Steady state: many resources already at their target. What one re-check that finds nothing to do
 * costs (time and database round trips), and what the operator holds in memory and spends in CPU
 * while it only re-checks.
 */
final class SteadySuite {
  private static final String UNCHANGED = "result=\"unchanged\"";
  private static final String CHECKED = "result=\"checked\"";
  private static final String COUNT = "schemagate_reconcile_duration_seconds_count";

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Report report;

  SteadySuite(BenchOptions options, BenchDatabase db, Report report) {
    this.options = options;
    this.db = db;
    this.report = report;
  }

  void run() throws Exception {
    int n = options.steadyResources();
    Map<String, String> scripts = Workloads.realistic(options.migrations());
    String database = db.fresh(null);
    Duration recheck = Duration.ofSeconds(options.idleSeconds());
    try (RoundTripCounter wire = new RoundTripCounter("127.0.0.1", db.port());
        OperatorUnderTest operator =
            OperatorUnderTest.start(options.parallelism(), recheck, false);
        ReadyWatch watch = new ReadyWatch(operator.client())) {
      String url = db.schemagateUrl(database, wire.port());
      long start = System.nanoTime();
      operator.bundle("steady-bundle", scripts);
      for (int i = 0; i < n; i++) {
        operator.create(OperatorUnderTest.migration("steady-" + i, url, "s_" + i, "steady-bundle"));
      }
      long last = watch.awaitReady(n, Duration.ofMinutes(60));
      report.add(
          "steady",
          n + " resources from apply to all Ready",
          Stats.of(List.of((last - start) / 1e9)),
          "s",
          options.migrations() + " migrations each, via the counting relay");

      // The mock API server scans every object it holds on each request; the Events of the
      // migrations would slow every request the benchmark makes from here on.
      operator.client().v1().events().inNamespace(OperatorUnderTest.NAMESPACE).delete();
      // The first re-check after an upgrade reads the history in full; the second is the steady
      // one.
      touchAll(operator, n, "warm", CHECKED + "|" + UNCHANGED);
      awaitSettled(operator);
      String before = operator.metrics();
      long tripsBefore = wire.trips();
      touchAll(operator, n, "measured", UNCHANGED);
      String after = operator.metrics();
      long trips = wire.trips() - tripsBefore;
      double unchanged = delta(before, after, UNCHANGED);
      double checked = delta(before, after, CHECKED);
      double p50 = quantile(before, after, 0.5) * 1000;
      double p99 = quantile(before, after, 0.99) * 1000;
      report.add(
          "steady",
          "no-op reconcile, p50 (" + (long) unchanged + " reconciles)",
          Stats.of(List.of(p50)),
          "ms",
          "from reading the resource to deciding not to write; from histogram buckets");
      report.add("steady", "no-op reconcile, p99", Stats.of(List.of(p99)), "ms", "");
      double perReconcile = trips / Math.max(1, unchanged + checked);
      report.add(
          "steady",
          "database round trips per no-op reconcile (busy)",
          Stats.of(List.of(perReconcile)),
          "",
          trips + " round trips, " + (long) checked + " full checks");
      report.verdict(
          "A no-op reconcile costs at most one database round trip",
          Report.format(perReconcile) + " round trips",
          perReconcile <= 1.0);
      report.verdict(
          "A no-op reconcile takes under 5 ms at p50",
          Report.format(p50) + " ms (p99 " + Report.format(p99) + " ms)",
          p50 < 5);

      System.gc();
      double rss = operator.rssMiB();
      double heap =
          OperatorUnderTest.sample(after, "jvm_memory_used_bytes", "area=\"heap\"") / (1024 * 1024);
      report.add(
          "steady",
          "operator RSS with " + n + " resources Ready",
          Stats.of(List.of(rss)),
          "MiB",
          "JVM " + String.join(" ", OperatorUnderTest.JVM));
      report.add(
          "steady",
          "operator heap in use with " + n + " resources Ready",
          Stats.of(List.of(heap)),
          "MiB",
          "jvm_memory_used_bytes, area=heap");
      report.verdict(
          "RSS under 300 MiB with " + n + " resources", Report.format(rss) + " MiB", rss < 300);

      String idleBefore = operator.metrics();
      long idleTrips = wire.trips();
      double cpu = operator.cpuSeconds();
      // The idle window itself is what is measured: CPU and round trips over a fixed time.
      Thread.sleep(options.idleSeconds() * 1000L);
      double cpuPercent = (operator.cpuSeconds() - cpu) / options.idleSeconds() * 100;
      String idleAfter = operator.metrics();
      double rechecks =
          delta(idleBefore, idleAfter, UNCHANGED) + delta(idleBefore, idleAfter, CHECKED);
      long tripsIdle = wire.trips() - idleTrips;
      report.add(
          "steady",
          "operator CPU while idle, re-checking every " + options.idleSeconds() + " s",
          Stats.of(List.of(cpuPercent)),
          "% of one core",
          (long) rechecks + " re-checks in " + options.idleSeconds() + " s");
      report.add(
          "steady",
          "database round trips per idle re-check",
          Stats.of(List.of(tripsIdle / Math.max(1, rechecks))),
          "",
          tripsIdle + " round trips");
    } finally {
      db.drop(database);
    }
  }

  /** Waits until no full check has run for three seconds: every resource is verified. */
  private static void awaitSettled(OperatorUnderTest operator) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    double last = countAll(operator.metrics(), CHECKED);
    while (System.nanoTime() < deadline) {
      // A quiet period, not a condition to wait for: no full check during three seconds.
      Thread.sleep(3000);
      double now = countAll(operator.metrics(), CHECKED);
      if (now == last) {
        return;
      }
      last = now;
    }
  }

  /** Changes an annotation on every resource, which makes the operator reconcile each once. */
  private static void touchAll(OperatorUnderTest operator, int n, String value, String results)
      throws Exception {
    double before = countAll(operator.metrics(), results);
    for (int i = 0; i < n; i++) {
      operator
          .client()
          .resources(DatabaseMigration.class)
          .inNamespace(OperatorUnderTest.NAMESPACE)
          .withName("steady-" + i)
          .edit(
              r -> {
                if (r.getMetadata().getAnnotations() == null) {
                  r.getMetadata().setAnnotations(new java.util.HashMap<>());
                }
                r.getMetadata().getAnnotations().put("bench.schemagate.io/touch", value);
                return r;
              });
    }
    await("every touched resource reconciled")
        .atMost(Duration.ofMinutes(10))
        .until(() -> countAll(operator.metrics(), results) - before >= n);
  }

  private static double countAll(String metrics, String results) {
    double sum = 0;
    for (String result : results.split("\\|")) {
      double value = OperatorUnderTest.sample(metrics, COUNT, result);
      sum += Double.isNaN(value) ? 0 : value;
    }
    return sum;
  }

  private static double delta(String before, String after, String result) {
    return countAll(after, result) - countAll(before, result);
  }

  /**
   * The {@code q} quantile of the no-op reconciles between two scrapes, from the histogram's
   * cumulative buckets, interpolated linearly inside the bucket it falls in.
   */
  static double quantile(String before, String after, double q) {
    java.util.TreeMap<Double, Double> counts = new java.util.TreeMap<>();
    java.util.TreeMap<Double, Double> first = buckets(before);
    buckets(after).forEach((le, n) -> counts.put(le, n - first.getOrDefault(le, 0.0)));
    double total = counts.lastEntry().getValue();
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (var bucket : counts.entrySet()) {
      if (bucket.getValue() >= rank) {
        double inBucket = bucket.getValue() - below;
        double upper = bucket.getKey().isInfinite() ? lower : bucket.getKey();
        return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
      }
      lower = bucket.getKey();
      below = bucket.getValue();
    }
    return Double.NaN;
  }

  private static java.util.TreeMap<Double, Double> buckets(String metrics) {
    java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^schemagate_reconcile_duration_seconds_bucket\\{([^}]*)\\} (\\S+)$",
                java.util.regex.Pattern.MULTILINE)
            .matcher(metrics);
    while (m.find()) {
      if (m.group(1).contains(UNCHANGED)) {
        java.util.regex.Matcher le =
            java.util.regex.Pattern.compile("le=\"([^\"]+)\"").matcher(m.group(1));
        le.find();
        double bound =
            le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
        buckets.put(bound, Double.parseDouble(m.group(2)));
      }
    }
    return buckets;
  }
}
