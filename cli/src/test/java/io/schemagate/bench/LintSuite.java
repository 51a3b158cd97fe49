package io.schemagate.bench;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.lint.LintCorpus;
import io.schemagate.lint.Linter;
import io.schemagate.lint.PlanReview;
import io.schemagate.lint.PlanReviews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lint: what reviewing a plan costs, the part every reconcile with a pending plan and every {@code
 * plan} command pays. Parsing alone, for bundles of realistic migrations, against the lint's budget
 * of 10 s; then a plan over existing tables on PostgreSQL, with their sizes read from the
 * catalogue.
 */
final class LintSuite {
  private static final String SCHEMA = "linted";

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Report report;

  LintSuite(BenchOptions options, BenchDatabase db, Report report) {
    this.options = options;
    this.db = db;
    this.report = report;
  }

  void run() throws Exception {
    int full = options.bigBundle();
    for (int migrations : new java.util.TreeSet<>(List.of(Math.max(1, full / 4), full))) {
      Bundle bundle = bundle(Workloads.realistic(migrations));
      var scripts = bundle.forDatabase(DatabaseKind.POSTGRESQL).versioned();
      EngineSettings settings = EngineSettings.defaults();
      int statements =
          Linter.review(scripts, DatabaseKind.POSTGRESQL, settings).statements().size();
      List<Double> millis = new ArrayList<>();
      for (int rep = 0; rep < Math.max(3, options.repetitions() * 3); rep++) {
        long start = System.nanoTime();
        Linter.review(scripts, DatabaseKind.POSTGRESQL, settings);
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Stats stats =
          report.add(
              "lint",
              "lint of " + migrations + " migrations (" + statements + " statements), parsing only",
              Stats.of(millis),
              "ms",
              "");
      report.add(
          "lint",
          "statements parsed per second, " + migrations + " migrations",
          Stats.of(List.of(statements / (stats.median() / 1000))),
          "/s",
          "the 10 s budget covers about " + Math.round(statements / stats.median() * 10_000));
    }
    corpus();
    String database = db.fresh(null);
    try {
      reviewOverExistingTables(db.schemagateUrl(database, db.port()), Math.min(200, full));
    } finally {
      db.drop(database);
    }
  }

  /**
   * Precision and recall of each rule on the lint's labelled corpus (engine's {@code lint-corpus}):
   * what share of its findings are right, and what share of the findings it should give it gives.
   */
  private void corpus() {
    List<LintCorpus.Case> cases = LintCorpus.cases();
    List<LintCorpus.Outcome> outcomes = cases.stream().map(LintCorpus::lint).toList();
    long exact = outcomes.stream().filter(LintCorpus.Outcome::matches).count();
    report.add(
        "lint",
        "labelled corpus: cases with exactly their findings",
        Stats.of(List.of(100.0 * exact / cases.size())),
        "%",
        exact + " of " + cases.size() + " cases (PostgreSQL and MariaDB)");
    LintCorpus.counts(outcomes)
        .forEach(
            (rule, c) -> {
              double precision = c[0] + c[1] == 0 ? 100 : 100.0 * c[0] / (c[0] + c[1]);
              double recall = c[0] + c[2] == 0 ? 100 : 100.0 * c[0] / (c[0] + c[2]);
              report.add(
                  "lint",
                  "corpus precision of " + rule,
                  Stats.of(List.of(precision)),
                  "%",
                  String.format(
                      java.util.Locale.ROOT,
                      "recall %.1f %%; %d found right, %d wrong, %d missed",
                      recall,
                      c[0],
                      c[1],
                      c[2]));
            });
  }

  /**
   * {@code count} migrations applied (a table with rows per five), then as many more, each altering
   * one of those tables.
   */
  private void reviewOverExistingTables(String url, int count) {
    Map<String, String> applied = Workloads.realistic(count);
    int tables = (count + 4) / 5;
    Map<String, String> all = new LinkedHashMap<>(applied);
    for (int i = count + 1; i <= 2 * count; i++) {
      int table = ((i - count - 1) % tables) * 5 + 1;
      all.put(
          "V" + i + "__widen_" + i + ".sql",
          "ALTER TABLE entity_" + table + " ADD COLUMN extra_" + i + " INT;\n");
    }
    EngineSettings settings = new EngineSettings.Builder().schemas(List.of(SCHEMA)).build();
    try (MigrationEngine first =
        MigrationEngine.open(
            DatabaseUrl.parse(url), bundle(applied), settings, ConnectionSettings.DEFAULT)) {
      first.upgrade(null, MigrationListener.NONE);
    }
    try (MigrationEngine engine =
        MigrationEngine.open(
            DatabaseUrl.parse(url), bundle(all), settings, ConnectionSettings.DEFAULT)) {
      List<Double> millis = new ArrayList<>();
      int sized = 0;
      for (int rep = 0; rep < Math.max(3, options.repetitions() * 3); rep++) {
        var plan = engine.plan("head");
        long start = System.nanoTime();
        PlanReview review = PlanReviews.review(engine, plan);
        millis.add((System.nanoTime() - start) / 1e6);
        sized = (int) review.statements().stream().filter(s -> s.size() != null).count();
      }
      report.add(
          "lint",
          "review of "
              + count
              + " pending migrations over "
              + tables
              + " existing tables, sizes from the catalogue",
          Stats.of(millis),
          "ms",
          sized + " statements sized; one catalogue query per table");
    }
  }

  private static Bundle bundle(Map<String, String> scripts) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    scripts.forEach((name, sql) -> files.put(name, sql.getBytes(StandardCharsets.UTF_8)));
    return BundleLoader.fromFiles("bench", files);
  }
}
