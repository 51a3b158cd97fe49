package io.schemagate.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.rollout.GateAnnotations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gate latency: pods wait for version 2; the operator applies it; how long after the resource shows
 * the version each pod loses its scheduling gate.
 */
final class GateSuite {
  private final BenchOptions options;
  private final BenchDatabase db;
  private final Report report;
  private double floor;

  GateSuite(BenchOptions options, BenchDatabase db, Report report) {
    this.options = options;
    this.db = db;
    this.report = report;
  }

  void run() throws Exception {
    String database = db.fresh(null);
    List<Double> latencies = new ArrayList<>();
    List<Double> fleetLatencies = new ArrayList<>();
    try (OperatorUnderTest operator =
        OperatorUnderTest.start(options.parallelism(), Duration.ofMinutes(10), true)) {
      operator.bundle("gate-bundle", Workloads.small(2));
      String url = db.schemagateUrl(database, db.port());
      int ready = 0;
      for (int rep = 0; rep < options.repetitions(); rep++) {
        latencies.addAll(once(operator, url, "app-" + rep, false, ++ready));
        fleetLatencies.addAll(once(operator, url, "fleet-" + rep, true, ++ready));
      }
      floor = apiFloor(operator);
    } finally {
      db.drop(database);
    }
    int pods = options.pods();
    report.add(
        "gate",
        pods + " pods waiting on a fleet of " + FLEET + " schemas, ungated after its version, p50",
        Stats.of(List.of(Stats.percentileOf(fleetLatencies, 50))),
        "ms",
        fleetLatencies.size() + " pods over " + options.repetitions() + " runs");
    report.add(
        "gate",
        pods + " pods waiting on a fleet of " + FLEET + " schemas, ungated after its version, p99",
        Stats.of(List.of(Stats.percentileOf(fleetLatencies, 99))),
        "ms",
        "");
    double p50 = Stats.percentileOf(latencies, 50);
    double p99 = Stats.percentileOf(latencies, 99);
    report.add(
        "gate",
        pods + " waiting pods ungated after appliedVersion, p50",
        Stats.of(List.of(p50)),
        "ms",
        latencies.size() + " pods over " + options.repetitions() + " runs");
    report.add(
        "gate",
        pods + " waiting pods ungated after appliedVersion, p99",
        Stats.of(List.of(p99)),
        "ms",
        "");
    report.add(
        "gate",
        "the last of " + pods + " pods ungated (p100)",
        Stats.of(List.of(Stats.percentileOf(latencies, 100))),
        "ms",
        "");
    report.add(
        "gate",
        "floor: the same " + pods + " gates removed straight from a client, no operator",
        Stats.of(List.of(floor * 1000)),
        "ms",
        "the mock API server's own write rate, parallelism " + options.parallelism());
    report.verdict(
        "Gate latency under 1 s at p99",
        Report.format(p99)
            + " ms for "
            + pods
            + " pods; the API server alone needs "
            + Report.format(floor * 1000)
            + " ms for those writes",
        p99 < 1000);
  }

  /** The schemas of the fleet whose pods the suite also times. */
  private static final int FLEET = 10;

  /**
   * One run: {@code pods} pods wait for version 2 of the resource {@code name} (one database, or
   * with {@code fleet} a fleet of {@link #FLEET} schemas), which is then moved from 1 to 2.
   *
   * @param readyBefore how many resources are Ready once this one is
   */
  private List<Double> once(
      OperatorUnderTest operator, String url, String name, boolean fleet, int readyBefore)
      throws Exception {
    var client = operator.client();
    DatabaseMigration resource =
        OperatorUnderTest.migration(name, url, name.replace('-', '_'), "gate-bundle");
    resource.getSpec().target = "1";
    if (fleet) {
      resource.getSpec().database.schemas.clear();
      resource.getSpec().schemaTargets = new io.schemagate.api.SchemaTargets();
      for (int i = 0; i < FLEET; i++) {
        resource.getSpec().schemaTargets.names.add(name.replace('-', '_') + "_" + i);
      }
    }
    try (ReadyWatch ready = new ReadyWatch(client)) {
      operator.create(resource);
      ready.awaitReady(readyBefore, Duration.ofMinutes(2));
    }
    int pods = options.pods();
    for (int i = 0; i < pods; i++) {
      client
          .pods()
          .inNamespace(OperatorUnderTest.NAMESPACE)
          .resource(pod(name + "-pod-" + i, name))
          .create();
    }
    awaitWaiting(operator, name, pods);

    Map<String, Long> released = new ConcurrentHashMap<>();
    long[] versionAt = {0};
    SharedIndexInformer<Pod> podWatch =
        client
            .pods()
            .inNamespace(OperatorUnderTest.NAMESPACE)
            .withLabel(GateAnnotations.GATED_LABEL, "true")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {}

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    if (pod.getMetadata().getName().startsWith(name + "-pod-") && !gated(pod)) {
                      released.putIfAbsent(pod.getMetadata().getName(), System.nanoTime());
                    }
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}
                });
    SharedIndexInformer<DatabaseMigration> versionWatch =
        client
            .resources(DatabaseMigration.class)
            .inNamespace(OperatorUnderTest.NAMESPACE)
            .withName(name)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(DatabaseMigration r) {}

                  @Override
                  public void onUpdate(DatabaseMigration old, DatabaseMigration r) {
                    if (r.getStatus() != null && "2".equals(r.getStatus().appliedVersion)) {
                      synchronized (versionAt) {
                        if (versionAt[0] == 0) {
                          versionAt[0] = System.nanoTime();
                        }
                      }
                    }
                  }

                  @Override
                  public void onDelete(DatabaseMigration r, boolean unknown) {}
                });
    try {
      client
          .resources(DatabaseMigration.class)
          .inNamespace(OperatorUnderTest.NAMESPACE)
          .withName(name)
          .edit(
              r -> {
                r.getSpec().target = "2";
                return r;
              });
      // Each release is timed by the watch event; this wait only ends the run.
      await("all " + pods + " pods released")
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> released.size() >= pods);
    } finally {
      podWatch.close();
      versionWatch.close();
    }
    List<Double> latencies = new ArrayList<>();
    synchronized (versionAt) {
      for (long at : released.values()) {
        latencies.add((at - versionAt[0]) / 1e6);
      }
    }
    client
        .pods()
        .inNamespace(OperatorUnderTest.NAMESPACE)
        .withLabel(GateAnnotations.GATED_LABEL, "true")
        .delete();
    // The mock API server scans every object it holds on each request: keep it as small as at the
    // start, so every run and the floor below meet the same server.
    client.v1().events().inNamespace(OperatorUnderTest.NAMESPACE).delete();
    return latencies;
  }

  /**
   * How long the API server itself takes to remove {@code pods} scheduling gates, sent by a plain
   * client at the operator's parallelism: the part of the latency no gate can avoid.
   */
  private double apiFloor(OperatorUnderTest operator) throws Exception {
    var client = operator.client();
    int pods = options.pods();
    for (int i = 0; i < pods; i++) {
      Pod pod = pod("floor-" + i, "none");
      pod.getMetadata().getLabels().clear();
      client.pods().inNamespace(OperatorUnderTest.NAMESPACE).resource(pod).create();
    }
    awaitPods(client, pods);
    double seconds =
        Parallel.run(
            options.parallelism(),
            pods,
            i ->
                client
                    .pods()
                    .inNamespace(OperatorUnderTest.NAMESPACE)
                    .withName("floor-" + i)
                    .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                        "[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates/0\"}]"));
    return seconds;
  }

  /** Lets the gate's informer see the new unlabelled pods settle before the floor is timed. */
  private static void awaitPods(io.fabric8.kubernetes.client.KubernetesClient client, int pods) {
    await("the floor's pods created")
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                client.pods().inNamespace(OperatorUnderTest.NAMESPACE).list().getItems().size()
                    >= pods);
  }

  private static void awaitWaiting(OperatorUnderTest operator, String name, int pods) {
    await("the gate counting " + pods + " waiting pods")
        .atMost(Duration.ofMinutes(5))
        .until(
            () -> {
              DatabaseMigration r =
                  operator
                      .client()
                      .resources(DatabaseMigration.class)
                      .inNamespace(OperatorUnderTest.NAMESPACE)
                      .withName(name)
                      .get();
              return r.getStatus() != null
                  && r.getStatus().waitingPods != null
                  && r.getStatus().waitingPods >= pods;
            });
  }

  private static boolean gated(Pod pod) {
    List<PodSchedulingGate> gates = pod.getSpec().getSchedulingGates();
    return gates != null && gates.stream().anyMatch(g -> GateAnnotations.GATE.equals(g.getName()));
  }

  private static Pod pod(String name, String migration) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(OperatorUnderTest.NAMESPACE)
        .addToLabels(GateAnnotations.GATED_LABEL, "true")
        .addToAnnotations(GateAnnotations.MIGRATION, migration)
        .addToAnnotations(GateAnnotations.REQUIRES_VERSION, "2")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app:2")
        .endContainer()
        .addNewSchedulingGate()
        .withName(GateAnnotations.GATE)
        .endSchedulingGate()
        .endSpec()
        .build();
  }
}
