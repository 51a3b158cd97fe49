package io.schemagate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.LiveOperator;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's operator suites (fan-out, steady state, gate) run end to end at a tiny size and
 * report every row and target; {@link BenchmarksSmokeTest} runs the others. Nothing here looks at
 * how fast anything was.
 */
class OperatorBenchmarksSmokeTest {
  @Test
  @LiveOperator
  void theOperatorSuitesRunAndReportEveryRowAndTarget() throws Exception {
    Report report;
    try (BenchDatabase db = BenchDatabase.start()) {
      report = Benchmarks.run(BenchmarksSmokeTest.tiny("fanout,steady,gate"), db);
    }

    assertThat(report.rows())
        .extracting(Report.Row::what)
        .anyMatch(w -> w.startsWith("(a) schemagate operator"))
        .anyMatch(w -> w.startsWith("(a) the same with spec.flyway.group"))
        .anyMatch(w -> w.startsWith("(a) the same on a warm operator"))
        .anyMatch(w -> w.startsWith("(c) raw SQL"))
        .anyMatch(w -> w.startsWith("no-op reconcile, p50"))
        .anyMatch(w -> w.startsWith("database round trips per no-op reconcile"))
        .anyMatch(w -> w.startsWith("operator RSS"))
        .anyMatch(w -> w.startsWith("operator CPU while idle"))
        .anyMatch(w -> w.contains("waiting pods ungated after appliedVersion, p99"))
        .anyMatch(w -> w.startsWith("floor:"));
    assertThat(report.rows())
        .filteredOn(r -> !r.what().startsWith("no-op reconcile"))
        .allSatisfy(r -> assertThat(r.stats().median()).isFinite().isGreaterThanOrEqualTo(0));
    assertThat(report.verdicts())
        .extracting(Report.Verdict::target)
        .contains(
            "Fan-out within 1.5x of the raw-SQL limit",
            "A no-op reconcile costs at most one database round trip",
            "A no-op reconcile takes under 5 ms at p50",
            "RSS under 300 MiB with 3 resources",
            "Gate latency under 1 s at p99");
  }
}
