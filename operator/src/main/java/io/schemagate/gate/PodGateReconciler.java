package io.schemagate.gate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.kube.EventRecorder;
import io.schemagate.rollout.GateAnnotations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The rollout gate: removes the {@code schemagate.io/schema} scheduling gate from a pod once the
 * DatabaseMigration it names has applied the version it requires. Reads only pods labelled {@code
 * schemagate.io/gated=true} and never touches a database. A status change of a DatabaseMigration
 * re-evaluates its waiting pods at once, through an index of pods by migration.
 */
@ControllerConfiguration(name = "schemagate-gate")
public final class PodGateReconciler implements Reconciler<Pod> {
  private static final String MIGRATION_INDEX = "schemagate-gate-migration";

  private final KubernetesClient client;
  private final EventRecorder events;
  private final MeterRegistry registry;
  private final Map<String, String> told = new ConcurrentHashMap<>();
  private final WaitingPodsGauge waiting;
  private final WaitingPodsWriter waitingWriter;

  public PodGateReconciler(KubernetesClient client, MeterRegistry registry) {
    this.client = client;
    // Pods are released first; their events follow on one thread, so that in a burst of releases
    // the gate's own writes keep most of the API server's attention.
    this.events = new EventRecorder(client, EventRecorder.senders("schemagate-gate-events", 1));
    this.registry = registry;
    this.waiting = new WaitingPodsGauge(registry);
    this.waitingWriter = new WaitingPodsWriter(client, Duration.ofMillis(250));
  }

  @Override
  public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
    String uid = pod.getMetadata().getUid();
    if (GateAnnotations.gateIndex(pod) < 0) {
      told.remove(uid);
      return UpdateControl.noUpdate();
    }
    DatabaseMigration migration =
        context.getSecondaryResource(DatabaseMigration.class).orElse(null);
    GateDecision decision = GateDecision.of(pod, migration);
    boolean released = false;
    if (decision.release()) {
      released = removeGate(pod);
      if (released) {
        told.remove(uid);
        events.normal(pod, "SchemaReady", decision.message() + "; scheduling gate removed");
      }
    } else if (decision.problem() != null) {
      tellOnce(pod, true, decision.problem());
    } else {
      tellOnce(pod, false, decision.message());
    }
    countWaiting(context, pod, migration, released ? uid : null);
    return UpdateControl.noUpdate();
  }

  private void tellOnce(Pod pod, boolean warning, String message) {
    String uid = pod.getMetadata().getUid();
    if (message.equals(told.put(uid, message))) {
      return;
    }
    if (warning) {
      events.warning(pod, "SchemaGateMisconfigured", message);
    } else {
      events.normal(pod, "WaitingForSchema", message);
    }
  }

  /**
   * Removes only our gate, with a JSON patch that first tests the gate is still at that index, so a
   * gate another controller added or removed meanwhile is never touched.
   */
  private boolean removeGate(Pod pod) {
    for (int attempt = 0; attempt < 3; attempt++) {
      int index = GateAnnotations.gateIndex(pod);
      if (index < 0) {
        return false;
      }
      String patch =
          "[{\"op\":\"test\",\"path\":\"/spec/schedulingGates/"
              + index
              + "/name\",\"value\":\""
              + GateAnnotations.GATE
              + "\"},{\"op\":\"remove\",\"path\":\"/spec/schedulingGates/"
              + index
              + "\"}]";
      try {
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON), patch);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return false;
        }
        if (e.getCode() != 422 && e.getCode() != 409) {
          throw e;
        }
        pod =
            client
                .pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .get();
        if (pod == null) {
          return false;
        }
      }
    }
    return false;
  }

  /** Updates status.waitingPods of the migration and the waiting-pods metric. */
  private void countWaiting(
      Context<Pod> context, Pod pod, DatabaseMigration migration, String releasedUid) {
    String name = GateAnnotations.migrationName(pod);
    if (name == null) {
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    int count =
        (int)
            context.getPrimaryCache().byIndex(MIGRATION_INDEX, namespace + "/" + name).stream()
                .filter(p -> GateAnnotations.gateIndex(p) >= 0)
                .filter(p -> !p.getMetadata().getUid().equals(releasedUid))
                .count();
    waiting.set(namespace, name, count);
    if (migration != null
        && migration.getStatus() != null
        && !Objects.equals(migration.getStatus().waitingPods, count)) {
      waitingWriter.write(namespace, name, count);
    }
  }

  private static String appliedVersion(DatabaseMigration migration) {
    return migration.getStatus() == null ? null : migration.getStatus().appliedVersion;
  }

  private static java.util.Map<String, String> targetVersions(DatabaseMigration migration) {
    return migration.getStatus() == null || migration.getStatus().fleet == null
        ? java.util.Map.of()
        : migration.getStatus().fleet.targetVersions;
  }

  private static List<String> contractSteps(DatabaseMigration migration) {
    return migration.getStatus() == null || migration.getStatus().plan == null
        ? List.of()
        : migration.getStatus().plan.contractSteps.stream().map(c -> c.version).toList();
  }

  @Override
  public List<EventSource<?, Pod>> prepareEventSources(EventSourceContext<Pod> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            MIGRATION_INDEX,
            pod -> {
              String name = GateAnnotations.migrationName(pod);
              return name == null
                  ? List.of()
                  : List.of(pod.getMetadata().getNamespace() + "/" + name);
            });
    InformerEventSource<DatabaseMigration, Pod> migrations =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(DatabaseMigration.class, Pod.class)
                .withName("gate-migrations")
                // Only a new applied version (a fleet's, or one of its targets') or new contract
                // steps can release pods; the waiting count this gate writes must not wake every
                // pod of the migration again.
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(appliedVersion(updated), appliedVersion(old))
                            || !Objects.equals(targetVersions(updated), targetVersions(old))
                            || !Objects.equals(contractSteps(updated), contractSteps(old)))
                .withSecondaryToPrimaryMapper(
                    migration ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                MIGRATION_INDEX,
                                migration.getMetadata().getNamespace()
                                    + "/"
                                    + migration.getMetadata().getName())
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (Pod pod) -> {
                      String name = GateAnnotations.migrationName(pod);
                      return name == null
                          ? Set.of()
                          : Set.of(new ResourceID(name, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context);
    return List.of(migrations);
  }
}
