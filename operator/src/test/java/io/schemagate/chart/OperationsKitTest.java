package io.schemagate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.schemagate.kube.ExportedMetric;
import io.schemagate.operator.Reason;
import io.schemagate.testing.Databases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chart's operations kit: the Grafana dashboard and the PrometheusRule, opt-in, naming only
 * metrics and labels the operator exports (the {@link ExportedMetric} catalogue, which
 * ExportedMetricsTest holds to what the operator registers), each alert covering the reasons of its
 * kind, with a runbook section, and the alerts unit-tested by {@code promtool test rules}.
 */
class OperationsKitTest {
  private static final Path ROOT =
      Databases.exampleMigrations().getParent().getParent().getParent();
  private static final Path CHART = ROOT.resolve("helm/schemagate");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Metrics from outside schemagate's catalogue that the kit uses: Prometheus' own {@code up} and
   * the JVM's, which EndpointsTest finds in a real operator's /metrics.
   */
  static final Set<String> OTHER_METRICS =
      Set.of("up", "jvm_memory_used_bytes", "jvm_memory_max_bytes", "process_cpu_usage");

  /** Labels Prometheus adds to every series, and those of histograms and JVM memory. */
  private static final Set<String> OTHER_LABELS = Set.of("job", "instance", "le", "area");

  private static final Pattern METRIC =
      Pattern.compile("\\b(schemagate_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+|up)\\b(?=\\s*[{\\[)])");
  private static final Pattern LABELS =
      Pattern.compile("(?:by|on)\\s*\\(([^)]*)\\)|([a-z_]+)\\s*(?:=~|!=|=)\\s*\"");

  private static List<JsonNode> render(boolean enabled) throws IOException {
    String yaml =
        new Helm(CHART)
            .template()
            .withName("sg")
            .withNamespace("schemagate")
            .set("monitoring.dashboard.enabled", enabled)
            .set("monitoring.prometheusRule.enabled", enabled)
            .call();
    List<JsonNode> documents = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      JsonNode node = YAML.readTree(document);
      if (node != null && node.has("kind")) {
        documents.add(node);
      }
    }
    return documents;
  }

  private static JsonNode ofKind(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static Set<String> knownMetrics() {
    Set<String> known = new TreeSet<>(OTHER_METRICS);
    for (ExportedMetric metric : ExportedMetric.values()) {
      known.add(metric.prometheusName());
      if (metric.type() == ExportedMetric.Type.HISTOGRAM) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
          known.add(metric.prometheusName() + suffix);
        }
      }
    }
    return known;
  }

  private static Set<String> knownLabels() {
    Set<String> known = new TreeSet<>(OTHER_LABELS);
    Arrays.stream(ExportedMetric.values()).forEach(m -> known.addAll(m.labels()));
    return known;
  }

  /** The metric names and label names a PromQL expression uses. */
  private static void assertUsesOnlyKnownNames(String where, String expr) {
    Matcher metric = METRIC.matcher(expr);
    int found = 0;
    while (metric.find()) {
      found++;
      assertThat(knownMetrics()).as(where + ": " + expr).contains(metric.group(1));
    }
    assertThat(found).as(where + " names a metric: " + expr).isPositive();
    Matcher label = LABELS.matcher(expr.replaceAll("\\{\\{[^}]*}}", ""));
    while (label.find()) {
      String names = label.group(1) != null ? label.group(1) : label.group(2);
      for (String name : names.split(",")) {
        if (!name.isBlank()) {
          assertThat(knownLabels()).as(where + ": " + expr).contains(name.strip());
        }
      }
    }
  }

  @Test
  void bothAreOffByDefault() throws IOException {
    List<JsonNode> documents = render(false);
    assertThat(documents).extracting(d -> d.path("kind").asText()).doesNotContain("PrometheusRule");
    assertThat(documents)
        .extracting(d -> d.path("metadata").path("name").asText())
        .doesNotContain("sg-schemagate-dashboard");
  }

  @Test
  void theDashboardQueriesOnlyWhatTheOperatorExports() throws IOException {
    JsonNode configMap =
        render(true).stream()
            .filter(d -> d.path("metadata").path("name").asText().equals("sg-schemagate-dashboard"))
            .findFirst()
            .orElseThrow();
    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    JsonNode dashboard =
        new ObjectMapper().readTree(configMap.path("data").path("schemagate.json").asText());
    assertThat(dashboard.path("uid").asText()).isEqualTo("schemagate");
    List<String> exprs = dashboard.findValuesAsText("expr");
    assertThat(exprs).hasSizeGreaterThan(10);
    Set<String> used = new TreeSet<>();
    for (String expr : exprs) {
      assertUsesOnlyKnownNames("dashboard", expr);
      Matcher metric = METRIC.matcher(expr);
      while (metric.find()) {
        used.add(metric.group(1).replaceAll("_(bucket|count|sum)$", ""));
      }
    }
    // Every metric schemagate exports has a panel.
    for (ExportedMetric metric : ExportedMetric.values()) {
      assertThat(used)
          .as("a panel for " + metric.prometheusName())
          .contains(metric.prometheusName());
    }
  }

  private static JsonNode rules() throws IOException {
    return ofKind(render(true), "PrometheusRule").path("spec");
  }

  private static Set<String> reasonsIn(JsonNode rule) {
    Matcher regex = Pattern.compile("reason=~?\"([^\"]+)\"").matcher(rule.path("expr").asText());
    assertThat(regex.find()).as(rule.path("alert").asText()).isTrue();
    return new TreeSet<>(List.of(regex.group(1).split("\\|")));
  }

  private static Set<String> reasonsOf(Reason.State... states) {
    Set<Reason.State> wanted = Set.of(states);
    return Arrays.stream(Reason.values())
        .filter(r -> wanted.contains(r.state()))
        .map(Reason::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachAlertCoversTheReasonsOfItsKindAndHasARunbook() throws IOException {
    String runbooks = Files.readString(ROOT.resolve("docs/operations.md"));
    List<String> alerts = new ArrayList<>();
    for (JsonNode rule : rules().path("groups").get(0).path("rules")) {
      String alert = rule.path("alert").asText();
      alerts.add(alert);
      assertUsesOnlyKnownNames(alert, rule.path("expr").asText());
      assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
      String anchor = alert.toLowerCase(java.util.Locale.ROOT);
      assertThat(rule.path("annotations").path("runbook_url").asText())
          .endsWith("docs/operations.md#" + anchor);
      assertThat(runbooks).as("runbook of " + alert).contains("### " + alert + "\n");
      Set<String> failed = reasonsOf(Reason.State.STALLED);
      failed.remove(Reason.Halted.name());
      switch (alert) {
        case "SchemagateMigrationFailed" -> assertThat(reasonsIn(rule)).isEqualTo(failed);
        case "SchemagateMigrationStalled" -> {
          // A pause between waves is asked for; every other state that ends by itself counts.
          Set<String> stalled = reasonsOf(Reason.State.PROGRESSING, Reason.State.RETRYING);
          stalled.remove(Reason.WavePaused.name());
          assertThat(reasonsIn(rule)).isEqualTo(stalled);
        }
        case "SchemagateApprovalWaiting" ->
            assertThat(reasonsIn(rule)).isEqualTo(reasonsOf(Reason.State.WAITING));
        case "SchemagateContractStepHeld" ->
            assertThat(reasonsIn(rule)).isEqualTo(reasonsOf(Reason.State.AWAITING_ROLLOUT));
        case "SchemagateFleetHalted" -> assertThat(reasonsIn(rule)).containsExactly("Halted");
        default -> {}
      }
    }
    assertThat(alerts)
        .contains(
            "SchemagateMigrationFailed",
            "SchemagateMigrationStalled",
            "SchemagateFleetHalted",
            "SchemagateApprovalWaiting",
            "SchemagateContractStepHeld",
            "SchemagateLockWaitTimeouts",
            "SchemagateOperatorDown",
            "SchemagateOperatorNotReconciling");
  }

  @Test
  void promtoolTestsTheAlerts() throws Exception {
    Path work = Files.createDirectories(Path.of("target/promtool"));
    Path rules = work.resolve("rules.yaml");
    YAML.writeValue(rules.toFile(), rules());
    Path tests = work.resolve("alerts.test.yaml");
    Files.copy(
        Path.of("src/test/resources/promtool/alerts.test.yaml"),
        tests,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode cases = YAML.readTree(tests.toFile());
    for (JsonNode series : cases.findValues("series")) {
      assertUsesOnlyKnownNames("promtool input", series.asText());
    }
    boolean installed =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
    if (!installed) {
      assertThat(System.getenv("CI"))
          .as("promtool (Debian's prometheus package; .ci/run installs it) under CI=true")
          .isNotEqualTo("true");
      Assumptions.abort("promtool is not installed (apt-get install prometheus)");
    }
    assertThat(promtool(work, "check", "rules", "rules.yaml")).contains("SUCCESS");
    assertThat(promtool(work, "test", "rules", "alerts.test.yaml")).contains("SUCCESS");
  }

  private static String promtool(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
