package io.schemagate.kube;

import java.util.List;

/**
 * Every metric schemagate exports itself, next to JOSDK's and the JVM's: its Micrometer name, what
 * Prometheus shows, its labels and its help. The operator and the gate register their meters from
 * here, and the reference, the dashboard and the alerts are checked against it.
 */
public enum ExportedMetric {
  MIGRATIONS_APPLIED(
      "schemagate.migrations.applied",
      Type.COUNTER,
      List.of("namespace", "name", "direction"),
      "Scripts run by schemagate, by resource and direction"),
  MIGRATION_DURATION(
      "schemagate.migration.duration",
      Type.HISTOGRAM,
      List.of("namespace", "direction"),
      "How long each script took"),
  MIGRATIONS_FAILURES(
      "schemagate.migrations.failures",
      Type.COUNTER,
      List.of("namespace", "name", "reason"),
      "Failed reconciles, by reason"),
  MIGRATIONS_PENDING(
      "schemagate.migrations.pending",
      Type.GAUGE,
      List.of("namespace", "name"),
      "Scripts still to run to reach the target"),
  LINT_FINDINGS(
      "schemagate.lint.findings",
      Type.COUNTER,
      List.of("namespace", "name", "rule", "severity"),
      "Lint findings of the plans schemagate showed, by rule and severity"),
  FLEET_TARGETS(
      "schemagate.fleet.targets",
      Type.GAUGE,
      List.of("namespace", "name", "state"),
      "A fleet's targets by state"),
  RECONCILE_DURATION(
      "schemagate.reconcile.duration",
      Type.HISTOGRAM,
      List.of("result"),
      "How long a reconcile took, from reading the resource to writing its status"),
  MIGRATION_REASON(
      "schemagate.migration.reason",
      Type.GAUGE,
      List.of("namespace", "name", "reason"),
      "1 for the reason the resource's Ready condition carries now (one series per resource)"),
  GATE_WAITING_PODS(
      "schemagate.gate.waiting.pods",
      Type.GAUGE,
      List.of("namespace", "migration"),
      "Pods held by the schema gate, by DatabaseMigration");

  /** How Prometheus shows a meter. */
  public enum Type {
    COUNTER,
    GAUGE,
    /**
     * A Micrometer timer with a histogram, in seconds: {@code _bucket}, {@code _count}, {@code
     * _sum}.
     */
    HISTOGRAM
  }

  private final String meterName;
  private final Type type;
  private final List<String> labels;
  private final String help;

  ExportedMetric(String meterName, Type type, List<String> labels, String help) {
    this.meterName = meterName;
    this.type = type;
    this.labels = labels;
    this.help = help;
  }

  /** The Micrometer name the code registers. */
  public String meterName() {
    return meterName;
  }

  /** The name of the family Prometheus scrapes, as Micrometer's Prometheus registry writes it. */
  public String prometheusName() {
    String base = meterName.replace('.', '_');
    return switch (type) {
      case COUNTER -> base + "_total";
      case HISTOGRAM -> base + "_seconds";
      case GAUGE -> base;
    };
  }

  public Type type() {
    return type;
  }

  public List<String> labels() {
    return labels;
  }

  public String help() {
    return help;
  }
}
