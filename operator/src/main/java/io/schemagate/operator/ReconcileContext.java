package io.schemagate.operator;

import io.schemagate.kube.EventRecorder;
import java.util.function.BiConsumer;

/**
 * The operator-wide parts every reconcile uses: settings, the engines of databases (over shared
 * pools), readers of sources and targets, the status recorder, events, metrics, the memory of
 * verified states, the namespace slots the registry of running migrations, the rollout's running
 * pods, what each fleet's targets were last seen doing, and the heap budget of bundles in flight,
 * the lint's reviews by plan id, and which resource each history table belongs to.
 */
record ReconcileContext(
    OperatorSettings settings,
    TargetEngine.Opener engines,
    SourceReader sources,
    BundleBudget budget,
    ReviewCache reviews,
    HistoryOwners owners,
    TargetReader targets,
    StatusRecorder status,
    EventRecorder events,
    OperatorMetrics metrics,
    VerifiedStates verified,
    NamespaceSlots slots,
    RunningMigrations running,
    RolloutPods pods,
    FleetMemory fleets,
    java.util.function.Consumer<String> poolReleaser,
    BiConsumer<String, String> waker) {
  /** Closes the pool kept for the database of {@code key} (a fleet target that left). */
  void forgetPool(String key) {
    poolReleaser.accept(key);
  }

  /** Asks for a reconcile of the resource {@code name} of {@code namespace}. */
  void wake(String namespace, String name) {
    waker.accept(namespace, name);
  }
}
