package io.schemagate.gate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.schemagate.kube.ExportedMetric;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The gate's one metric: the pods it holds, per DatabaseMigration. */
public final class WaitingPodsGauge {
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

  public WaitingPodsGauge(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets the count of pods the gate holds for the DatabaseMigration {@code namespace/name}. */
  public void set(String namespace, String name, int count) {
    waiting
        .computeIfAbsent(
            namespace + "/" + name,
            key -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder(ExportedMetric.GATE_WAITING_PODS.meterName(), value, AtomicInteger::get)
                  .description(ExportedMetric.GATE_WAITING_PODS.help())
                  .tags("namespace", namespace, "migration", name)
                  .register(registry);
              return value;
            })
        .set(count);
  }
}
