package io.schemagate.operator;

import io.schemagate.kube.EventRecorder;
import java.util.function.BiConsumer;

/**
 * The operator-wide parts every reconcile uses: settings, the engines of databases (over shared
 * pools), readers of sources and targets, the status recorder, events, metrics, the memory of
 * verified states, the namespace slots the registry of running migrations, the rollout's running
 * pods, and the heap budget of bundles in flight, the lint's reviews by plan id, and which resource
 * each history table belongs to.
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
    BiConsumer<String, String> waker) {
  /** Asks for a reconcile of the resource {@code name} of {@code namespace}. */
  void wake(String namespace, String name) {
    waker.accept(namespace, name);
  }
}
