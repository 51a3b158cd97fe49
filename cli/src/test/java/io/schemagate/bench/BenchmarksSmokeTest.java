package io.schemagate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemagate.testing.LiveOperator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark program runs end to end at a tiny size and reports every row and target. Nothing
 * here looks at how fast anything was: timing belongs to {@code bench/run}, not to the tests.
 */
class BenchmarksSmokeTest {
  /** The options of a tiny run of {@code suites}. */
  static BenchOptions tiny(String suites) {
    return BenchOptions.parse(
        "--suites=" + suites,
        "--targets=3",
        "--migrations=5",
        "--repetitions=1",
        "--big-bundle=8",
        "--big-pending=2",
        "--steady-resources=3",
        "--pods=3",
        "--idle-seconds=1",
        "--script-counts=3",
        // Each start-up run is a JVM of its own: one shows the rows are printed.
        "--startup-runs=1");
  }

  /**
   * The suites without an operator; {@link OperatorBenchmarksSmokeTest} runs the others, so the two
   * halves run in separate test JVMs.
   */
  @Test
  @LiveOperator
  void everySuiteRunsAndReportsEveryRowAndTarget(@TempDir Path dir) throws Exception {
    BenchOptions options = tiny("bigbundle,scripts,startup,lint");
    Report report;
    String header;
    try (BenchDatabase db = BenchDatabase.start()) {
      report = Benchmarks.run(options, db);
      header = Benchmarks.header(options, db.describe());
    }

    assertThat(report.rows())
        .extracting(Report.Row::what)
        .anyMatch(w -> w.startsWith("schemagate engine, fresh schema, 8 migrations"))
        .anyMatch(w -> w.startsWith("schemagate engine, 2 pending on 8 applied"))
        .anyMatch(w -> w.startsWith("schemagate engine, Flyway's executor, 8 migrations"))
        .anyMatch(w -> w.startsWith("round trips per migration: schemagate engine"))
        .anyMatch(w -> w.startsWith("schemagate upgrade, 3 one-statement scripts"))
        .anyMatch(w -> w.startsWith("schemagate upgrade --executor=flyway, 3 one-statement"))
        .anyMatch(w -> w.startsWith("psql -f of the same files, 3 one-statement scripts"))
        .anyMatch(w -> w.startsWith("schemagate status, migrate.sh"))
        .anyMatch(w -> w.startsWith("schemagate status, java -jar"))
        .anyMatch(w -> w.startsWith("lint of 8 migrations ("))
        .anyMatch(w -> w.startsWith("statements parsed per second, 8 migrations"))
        .anyMatch(w -> w.startsWith("review of 8 pending migrations over 2 existing tables"));
    assertThat(report.rows())
        .allSatisfy(r -> assertThat(r.stats().median()).isFinite().isGreaterThanOrEqualTo(0));
    assertThat(report.verdicts())
        .extracting(Report.Verdict::target)
        .contains(
            "Big bundle within 1.5x of the raw-SQL limit",
            "Big bundle grows linearly with the number of migrations",
            "schemagate within 3x of psql on 3 scripts");

    Path file = dir.resolve("benchmarks.md");
    Files.writeString(
        file, "# Intro\n\n" + Benchmarks.BEGIN + "\nold\n" + Benchmarks.END + "\n\nAfter.\n");
    Benchmarks.writeInto(file, report.markdown(header));
    String written = Files.readString(file);
    assertThat(written).startsWith("# Intro").endsWith("After.\n").doesNotContain("\nold\n");
    assertThat(written)
        .contains("| big bundle |", "| scripts |", "| startup |", "| lint |", "cores");

    // The charts: one SVG per suite, schemagate beside the raw limit, linked from the report.
    String charts = BenchCharts.write(file, report.markdown(header));
    assertThat(charts).contains("![big bundle](benchmarks/big-bundle.svg)");
    String bigBundle = Files.readString(dir.resolve("benchmarks/big-bundle.svg"));
    javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(bigBundle.getBytes(StandardCharsets.UTF_8)));
    assertThat(bigBundle)
        .contains(BenchCharts.Who.SCHEMAGATE.colour, BenchCharts.Who.RAW.colour)
        .contains("raw SQL over JDBC");
    long bars = BenchCharts.bars(report.markdown(header)).get("big bundle").size();
    assertThat(bigBundle.split("<rect ", -1).length - 1).isEqualTo(bars + 1 + 3);
  }

  @Test
  void theRelayCountsOneRoundTripPerAnsweredRequest() throws Exception {
    try (BenchDatabase db = BenchDatabase.start();
        RoundTripCounter wire = new RoundTripCounter("127.0.0.1", db.port())) {
      String database = db.fresh(null);
      String url = db.jdbcUrl(database).replace(":" + db.port() + "/", ":" + wire.port() + "/");
      try (Connection connection = DriverManager.getConnection(url, db.user(), null);
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT 1");
        long before = wire.trips();
        for (int i = 0; i < 5; i++) {
          statement.execute("SELECT 1");
        }
        assertThat(wire.trips() - before).isEqualTo(5);
        connection.setAutoCommit(false);
        before = wire.trips();
        // The driver sends BEGIN ahead of the statement in one burst: one wait.
        statement.execute("SELECT 2");
        assertThat(wire.trips() - before).isEqualTo(1);
        connection.commit();
      } finally {
        db.drop(database);
      }
    }
  }

  @Test
  void optionsAreCheckedAndNamed() {
    assertThat(BenchOptions.parse().targets()).isEqualTo(200);
    assertThat(BenchOptions.parse("--suites=gate,steady").suites())
        .containsExactly("gate", "steady");
    assertThatThrownBy(() -> BenchOptions.parse("--target=3"))
        .hasMessageContaining("--target")
        .hasMessageContaining("--targets");
    assertThatThrownBy(() -> BenchOptions.parse("--pods=0")).hasMessageContaining("--pods");
    assertThatThrownBy(() -> BenchOptions.parse("--suites=fast"))
        .hasMessageContaining("fanout,bigbundle,scripts,steady,gate");
    assertThat(BenchOptions.parse("--script-counts=10,40").scriptCounts()).containsExactly(10, 40);
    assertThatThrownBy(() -> BenchOptions.parse("--script-counts=10,x"))
        .hasMessageContaining("--script-counts");
  }

  @Test
  void percentilesUseTheNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
    assertThat(Stats.of(values).median()).isEqualTo(3.0);
    assertThat(Stats.percentileOf(values, 99)).isEqualTo(5.0);
    assertThat(Stats.of(values).min()).isEqualTo(1.0);
  }
}
