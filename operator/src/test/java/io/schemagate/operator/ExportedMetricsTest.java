package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.kube.ExportedMetric;
import io.schemagate.lint.Finding;
import io.schemagate.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@link ExportedMetric} catalogue is what the operator registers: each of its metrics, scraped
 * from a Prometheus registry the operator's code wrote to, has the catalogue's name, type and
 * exactly its labels. The reference, the dashboard and the alerts are checked against the
 * catalogue.
 */
class ExportedMetricsTest {
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)}");

  private static DatabaseMigration resource() {
    return OperatorHarness.migration("shop", "orders", "postgresql://db/shop", "scripts", null);
  }

  private static PrometheusMeterRegistry exercised() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    DatabaseMigration resource = resource();
    metrics.applied(resource, "up", 12);
    metrics.reconciled(false, 1_000_000);
    metrics.failed(resource, Reason.LockWaitTimeout);
    metrics.pending(resource, 2);
    metrics.fleet(resource, Map.of("ready", 3, "failed", 1));
    metrics.reason(resource, Reason.Migrating.name());
    metrics.lintFindings(
        resource,
        List.of(
            new Finding(
                "set-not-null",
                Severity.WARNING,
                "V2__x.sql",
                1,
                "ALTER TABLE t ALTER c SET NOT NULL",
                "why",
                "fix",
                false,
                "t",
                "",
                null)));
    new io.schemagate.gate.WaitingPodsGauge(registry).set("shop", "orders", 4);
    return registry;
  }

  @Test
  void everyCatalogueMetricIsRegisteredWithItsTypeAndLabels() {
    String scrape = exercised().scrape();
    for (ExportedMetric metric : ExportedMetric.values()) {
      String name = metric.prometheusName();
      assertThat(scrape)
          .as(name)
          .contains("# TYPE " + name + " " + metric.type().name().toLowerCase(Locale.ROOT));
      String series = metric.type() == ExportedMetric.Type.HISTOGRAM ? name + "_count" : name;
      Matcher sample = SAMPLE.matcher(scrape);
      boolean found = false;
      while (sample.find()) {
        if (sample.group(1).equals(series)) {
          found = true;
          List<String> labels =
              Pattern.compile("([a-z_]+)=\"")
                  .matcher(sample.group(2))
                  .results()
                  .map(m -> m.group(1))
                  .sorted()
                  .toList();
          assertThat(labels).as(series).isEqualTo(metric.labels().stream().sorted().toList());
        }
      }
      assertThat(found).as("a sample of " + series).isTrue();
    }
  }

  @Test
  void aResourceHasOneReasonSeriesWhateverItsHistory() {
    PrometheusMeterRegistry registry = exercised();
    OperatorMetrics metrics = new OperatorMetrics(registry);
    DatabaseMigration resource = resource();
    metrics.reason(resource, Reason.Migrating.name());
    metrics.reason(resource, Reason.Applied.name());
    metrics.reason(resource, Reason.Applied.name());
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "schemagate_migration_reason{name=\"orders\",namespace=\"shop\",reason=\"Applied\"} 1.0")
        .doesNotContain("reason=\"Migrating\"}");
    metrics.forget(resource);
    assertThat(registry.scrape()).doesNotContain("schemagate_migration_reason{");
  }
}
