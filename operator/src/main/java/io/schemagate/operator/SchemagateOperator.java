package io.schemagate.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.gate.PodGateReconciler;
import io.schemagate.kube.TrimmedObjects;
import io.schemagate.rollout.GateAnnotations;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The running operator: JOSDK with the DatabaseMigration controller, health and metrics, and the
 * rollout gate in a JOSDK operator of its own. JOSDK runs every controller of one operator on one
 * thread pool, so the gate gets its own: migrations that hold every reconcile thread never keep
 * another tenant's pods gated.
 */
public final class SchemagateOperator implements AutoCloseable {
  private final Operator operator;
  private final Operator gate;
  private final DatabaseMigrationReconciler reconciler;
  private final PrometheusMeterRegistry registry;
  private final HealthServer http;

  private SchemagateOperator(
      Operator operator,
      Operator gate,
      DatabaseMigrationReconciler reconciler,
      PrometheusMeterRegistry registry,
      HealthServer http) {
    this.operator = operator;
    this.gate = gate;
    this.reconciler = reconciler;
    this.registry = registry;
    this.http = http;
  }

  /**
   * Starts the operator.
   *
   * @param leaseName the Lease for leader election, or {@code null} to run without it; the gate
   *     elects its leader through {@code <leaseName>-gate}
   * @param httpPort port of /healthz, /readyz and /metrics; 0 picks a free one, -1 none
   * @param overrides further JOSDK settings (tests switch off what the mock server lacks)
   */
  public static SchemagateOperator start(
      KubernetesClient client,
      OperatorSettings settings,
      String leaseName,
      String leaseNamespace,
      int httpPort,
      Consumer<ConfigurationServiceOverrider> overrides)
      throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The usual JVM and process figures next to the operator's own, as dashboards expect them.
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Operator operator =
        josdk(client, registry, settings.reconcileThreads(), leaseName, leaseNamespace, overrides);
    DatabaseMigrationReconciler reconciler =
        new DatabaseMigrationReconciler(client, settings, registry);
    operator.register(
        reconciler,
        c -> {
          watch(c, settings);
          if (settings.shardSelector() != null) {
            // Several operators share the resources by label, each under its own lease.
            c.withLabelSelector(settings.shardSelector());
          }
          // Annotations (approve, repair) do not change the generation, and status writes
          // should not wake the controller: react to spec, annotation and label changes.
          c.withGenerationAware(false);
          c.withOnUpdateFilter(SchemagateOperator::worthReconciling);
          c.withRetry(
              new GenericRetry()
                  .setInitialInterval(settings.retryMin().toMillis())
                  .setIntervalMultiplier(2)
                  .setMaxInterval(settings.retryMax().toMillis())
                  .withoutMaxAttempts());
        });
    Operator gate = null;
    if (settings.gate()) {
      gate =
          josdk(
              client,
              registry,
              settings.gateThreads(),
              leaseName == null ? null : leaseName + "-gate",
              leaseNamespace,
              overrides);
      gate.register(
          new PodGateReconciler(client, registry),
          c -> {
            watch(c, settings);
            // Pods without the label are never read: the informer asks only for gated ones.
            c.withLabelSelector(GateAnnotations.GATED_LABEL + "=true");
            c.withGenerationAware(false);
            // The cache keeps what the gate reads, not whole pods a tenant may make large.
            c.withItemStore(
                new TransformingItemStore<>(pod -> TrimmedObjects.pod(pod, GateAnnotations.READ)));
          });
    }
    operator.start();
    if (gate != null) {
      gate.start();
    }
    Operator gateOperator = gate;
    HealthServer http =
        httpPort < 0
            ? null
            : new HealthServer(
                httpPort,
                () ->
                    operator.getRuntimeInfo().isStarted()
                        && (gateOperator == null || gateOperator.getRuntimeInfo().isStarted()),
                () ->
                    operator.getRuntimeInfo().allEventSourcesAreHealthy()
                        && (gateOperator == null
                            || gateOperator.getRuntimeInfo().allEventSourcesAreHealthy()),
                registry);
    return new SchemagateOperator(operator, gate, reconciler, registry, http);
  }

  private static Operator josdk(
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      int threads,
      String leaseName,
      String leaseNamespace,
      Consumer<ConfigurationServiceOverrider> overrides) {
    return new Operator(
        o -> {
          o.withKubernetesClient(client)
              .withCloseClientOnStop(false)
              .withConcurrentReconciliationThreads(threads)
              // Per-resource JOSDK meters would add a dozen series per resource: with a
              // thousand resources that is most of the heap and a scrape of megabytes.
              .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
              // Status is written by StatusRecorder with plain updates; no server-side apply.
              .withUseSSAToPatchPrimaryResource(false)
              .withSSABasedCreateUpdateMatchForDependentResources(false);
          if (leaseName != null) {
            o.withLeaderElectionConfiguration(
                new LeaderElectionConfiguration(leaseName, leaseNamespace));
          }
          overrides.accept(o);
        });
  }

  private static void watch(
      io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider<?> c,
      OperatorSettings settings) {
    if (settings.namespaces().isEmpty()) {
      c.watchingAllNamespaces();
    } else {
      c.settingNamespaces(new HashSet<>(settings.namespaces()));
    }
  }

  static boolean worthReconciling(DatabaseMigration updated, DatabaseMigration old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(
            updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels());
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port of the health and metrics endpoints, or -1 without them. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    if (gate != null) {
      gate.stop();
    }
    operator.stop();
    if (http != null) {
      http.close();
    }
    reconciler.close();
  }
}
