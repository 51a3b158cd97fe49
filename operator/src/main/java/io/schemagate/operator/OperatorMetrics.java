package io.schemagate.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.kube.ExportedMetric;
import io.schemagate.lint.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** schemagate's own metrics, next to JOSDK's: migrations applied, failures, durations, pending. */
final class OperatorMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fleetTargets = new ConcurrentHashMap<>();
  private final Map<String, String> reasons = new ConcurrentHashMap<>();

  OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void applied(DatabaseMigration resource, String direction, long millis) {
    Counter.builder(ExportedMetric.MIGRATIONS_APPLIED.meterName())
        .description(ExportedMetric.MIGRATIONS_APPLIED.help())
        .tags("namespace", namespace(resource), "name", name(resource), "direction", direction)
        .register(registry)
        .increment();
    // By namespace, not by resource: a histogram per resource would be some seventy series each.
    Timer.builder(ExportedMetric.MIGRATION_DURATION.meterName())
        .description(ExportedMetric.MIGRATION_DURATION.help())
        .tags("namespace", namespace(resource), "direction", direction)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofMillis(millis));
  }

  /**
   * One reconcile's duration, tagged {@code result=unchanged} when the history was as last verified
   * (one query) and {@code result=checked} when it was read in full or work was done.
   */
  void reconciled(boolean unchanged, long nanos) {
    Timer.builder(ExportedMetric.RECONCILE_DURATION.meterName())
        .description(ExportedMetric.RECONCILE_DURATION.help())
        .tags("result", unchanged ? "unchanged" : "checked")
        .publishPercentileHistogram()
        // A re-check that finds nothing to do takes well under a millisecond to a few.
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  void failed(DatabaseMigration resource, Reason reason) {
    Counter.builder(ExportedMetric.MIGRATIONS_FAILURES.meterName())
        .description(ExportedMetric.MIGRATIONS_FAILURES.help())
        .tags("namespace", namespace(resource), "name", name(resource), "reason", reason.name())
        .register(registry)
        .increment();
  }

  /** The findings of a plan shown for the first time, counted by rule and severity. */
  void lintFindings(DatabaseMigration resource, List<Finding> findings) {
    for (Finding finding : findings) {
      Counter.builder(ExportedMetric.LINT_FINDINGS.meterName())
          .description(ExportedMetric.LINT_FINDINGS.help())
          .tags(
              "namespace",
              namespace(resource),
              "name",
              name(resource),
              "rule",
              finding.rule(),
              "severity",
              finding.severity().name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment();
    }
  }

  void pending(DatabaseMigration resource, int count) {
    String key = namespace(resource) + "/" + name(resource);
    pending
        .computeIfAbsent(
            key,
            k -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder(
                      ExportedMetric.MIGRATIONS_PENDING.meterName(), value, AtomicInteger::get)
                  .description(ExportedMetric.MIGRATIONS_PENDING.help())
                  .tags("namespace", namespace(resource), "name", name(resource))
                  .register(registry);
              return value;
            })
        .set(count);
  }

  /**
   * A fleet's targets by state: one series per state, never one per target, whatever the fleet's
   * size.
   */
  void fleet(DatabaseMigration resource, Map<String, Integer> byState) {
    String key = namespace(resource) + "/" + name(resource);
    byState.forEach(
        (state, count) ->
            fleetTargets
                .computeIfAbsent(
                    key + "/" + state,
                    k -> {
                      AtomicInteger value = new AtomicInteger();
                      Gauge.builder(
                              ExportedMetric.FLEET_TARGETS.meterName(), value, AtomicInteger::get)
                          .description(ExportedMetric.FLEET_TARGETS.help())
                          .tags(
                              "namespace",
                              namespace(resource),
                              "name",
                              name(resource),
                              "state",
                              state)
                          .register(registry);
                      return value;
                    })
                .set(count));
  }

  /**
   * The reason the resource's Ready condition carries now, as one series worth 1: alerts tell how
   * long a resource has been {@code ApprovalPending}, {@code Halted} or {@code ContractStepHeld}.
   * The series of the reason before goes, so a resource has one series whatever its history.
   */
  void reason(DatabaseMigration resource, String reason) {
    String key = namespace(resource) + "/" + name(resource);
    String before = reasons.put(key, reason);
    if (reason.equals(before)) {
      return;
    }
    if (before != null) {
      dropReason(resource, before);
    }
    Gauge.builder(ExportedMetric.MIGRATION_REASON.meterName(), () -> 1)
        .description(ExportedMetric.MIGRATION_REASON.help())
        .tags("namespace", namespace(resource), "name", name(resource), "reason", reason)
        .register(registry);
  }

  private void dropReason(DatabaseMigration resource, String reason) {
    registry
        .find(ExportedMetric.MIGRATION_REASON.meterName())
        .tags("namespace", namespace(resource), "name", name(resource), "reason", reason)
        .gauges()
        .forEach(registry::remove);
  }

  /** Drops the per-resource gauges of a deleted resource. */
  void forget(DatabaseMigration resource) {
    String key = namespace(resource) + "/" + name(resource);
    String reason = reasons.remove(key);
    if (reason != null) {
      dropReason(resource, reason);
    }
    if (pending.remove(key) != null) {
      registry
          .find(ExportedMetric.MIGRATIONS_PENDING.meterName())
          .tags("namespace", namespace(resource), "name", name(resource))
          .gauges()
          .forEach(registry::remove);
    }
    if (fleetTargets.keySet().removeIf(k -> k.startsWith(key + "/"))) {
      registry
          .find(ExportedMetric.FLEET_TARGETS.meterName())
          .tags("namespace", namespace(resource), "name", name(resource))
          .gauges()
          .forEach(registry::remove);
    }
  }

  private static String namespace(DatabaseMigration resource) {
    return resource.getMetadata().getNamespace();
  }

  private static String name(DatabaseMigration resource) {
    return resource.getMetadata().getName();
  }
}
