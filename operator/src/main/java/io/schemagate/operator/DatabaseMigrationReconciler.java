package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.db.KnownSecrets;
import io.schemagate.kube.EventRecorder;
import io.schemagate.kube.TrimmedObjects;
import io.schemagate.rollout.GateAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each DatabaseMigration's database to its target and reports where it stands. The work for
 * one resource is a {@link Reconciliation}; this class wires it to JOSDK: events from the resource,
 * from labelled ConfigMaps it references (where the operator watches namespaces by name), timed
 * re-checks, and a {@link ResourceLifecycle} that cancels the migration of a deleted or changed
 * resource while it runs and forgets everything the operator held for it.
 */
@ControllerConfiguration(name = "databasemigration")
public final class DatabaseMigrationReconciler
    implements Reconciler<DatabaseMigration>, ResourceLifecycle.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrationReconciler.class);
  private static final String CONFIGMAP_INDEX = "schemagate-configmaps";

  private final OperatorSettings settings;
  private final SharedPools pools;
  private final java.util.concurrent.ExecutorService eventSenders;
  private final OperatorMetrics metrics;
  private final NamedObjects<ConfigMap> configMaps;
  private final HistoryOwners owners = new HistoryOwners();
  private final VerifiedStates verified;
  private final NamespaceSlots slots;
  private final RunningMigrations running = new RunningMigrations();
  private final RolloutPods pods = new RolloutPods();
  private final FleetMemory fleets = new FleetMemory();
  private final StatusRecorder statuses;
  private final ResourceLifecycle lifecycle = new ResourceLifecycle(this);
  private final ReconcileContext context;

  public DatabaseMigrationReconciler(
      KubernetesClient client,
      OperatorSettings settings,
      io.micrometer.core.instrument.MeterRegistry registry) {
    this(client, settings, registry, null);
  }

  /**
   * A reconciler whose engines {@code engines} opens (the databases' shared pools when {@code
   * null}): synchronous reconciles with an engine a test chooses.
   */
  DatabaseMigrationReconciler(
      KubernetesClient client,
      OperatorSettings settings,
      io.micrometer.core.instrument.MeterRegistry registry,
      TargetEngine.Opener engines) {
    this.settings = settings;
    this.pools =
        new SharedPools(
            new io.schemagate.db.ConnectionSettings(
                settings.connectTimeout(), settings.connectionsPerTarget()),
            settings.lockTimeout(),
            settings.recheckInterval().multipliedBy(3));
    this.eventSenders = EventRecorder.senders("schemagate-events", settings.reconcileThreads());
    this.metrics = new OperatorMetrics(registry);
    this.configMaps = new NamedObjects<>(client, ConfigMap.class);
    this.verified = new VerifiedStates(settings.recheckInterval().multipliedBy(3));
    this.slots = new NamespaceSlots(settings.tenants().maxRunningPerNamespace());
    this.statuses = new StatusRecorder(client);
    this.context =
        new ReconcileContext(
            settings,
            engines == null ? TargetEngine.of(pools) : engines,
            new SourceReader(configMaps, settings.tenants().bundle()),
            BundleBudget.forHeap(Runtime.getRuntime().maxMemory()),
            new ReviewCache(64),
            owners,
            new TargetReader(new NamedObjects<>(client, Secret.class)),
            statuses,
            new EventRecorder(client, eventSenders),
            metrics,
            verified,
            slots,
            running,
            pods,
            fleets,
            pools::release,
            lifecycle::wake);
  }

  /** The pods the rollout gate knows, as contract steps read them. */
  RolloutPods rolloutPods() {
    return pods;
  }

  @Override
  public UpdateControl<DatabaseMigration> reconcile(
      DatabaseMigration resource, Context<DatabaseMigration> context) {
    long start = System.nanoTime();
    Reconciliation.Outcome outcome = new Reconciliation(resource, this.context).run();
    statuses.record(resource, outcome.status());
    metrics.reconciled(outcome.unchanged(), System.nanoTime() - start);
    Conditions.readyReason(outcome.status()).ifPresent(reason -> metrics.reason(resource, reason));
    return UpdateControl.<DatabaseMigration>noUpdate().rescheduleAfter(outcome.next());
  }

  /**
   * An exception no step expected (a bug, or the API server failing mid-reconcile) still ends in a
   * status, through the one recorder; JOSDK then retries with its backoff.
   */
  @Override
  public ErrorStatusUpdateControl<DatabaseMigration> updateErrorStatus(
      DatabaseMigration resource, Context<DatabaseMigration> context, Exception e) {
    long generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    StatusAssembler status = new StatusAssembler(statuses.latest(resource), generation);
    String message =
        KnownSecrets.redact(
            "Reconcile failed: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().strip()));
    status.failed(Reason.UnexpectedError, message, null, 0);
    metrics.reason(resource, Reason.UnexpectedError.name());
    try {
      statuses.record(resource, status.status());
    } catch (RuntimeException again) {
      LOG.debug("Could not record the error status of {}: {}", key(resource), again.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public void deleted(DatabaseMigration resource) {
    String key = key(resource);
    for (String target : fleets.forget(resource.getMetadata().getUid())) {
      String targetKey = key + "/" + target;
      pools.release(targetKey);
      owners.forget(targetKey);
      verified.forget(targetKey);
      KnownSecrets.forget(targetKey);
    }
    statuses.forget(resource.getMetadata().getUid());
    running.deleted(resource.getMetadata().getUid(), "its DatabaseMigration was deleted");
    pools.release(key);
    owners.forget(key);
    verified.forget(key);
    KnownSecrets.forget(key);
    metrics.forget(resource);
    String namespace = resource.getMetadata().getNamespace();
    slots
        .forget(namespace, resource.getMetadata().getName())
        .forEach(waiter -> lifecycle.wake(namespace, waiter));
  }

  @Override
  public void specChanged(DatabaseMigration resource) {
    running.cancel(
        resource.getMetadata().getUid(),
        "the spec changed (generation "
            + resource.getMetadata().getGeneration()
            + ") while it ran; the new spec is applied next");
  }

  @Override
  public List<EventSource<?, DatabaseMigration>> prepareEventSources(
      EventSourceContext<DatabaseMigration> context) {
    List<EventSource<?, DatabaseMigration>> sources = new ArrayList<>();
    sources.add(lifecycle);
    if (settings.watchConfigMaps()) {
      // By default only where the operator watches namespaces by name: a watch across the
      // cluster needs the right to list every ConfigMap of it. Without a watch, each ConfigMap is
      // read by name, and an edit shows at the next re-check or change of the resource.
      context.getPrimaryCache().addIndexer(CONFIGMAP_INDEX, r -> configMapKeys(r));
      InformerEventSource<ConfigMap, DatabaseMigration> configMapSource =
          new InformerEventSource<>(
              InformerEventSourceConfiguration.from(ConfigMap.class, DatabaseMigration.class)
                  .withName("bundle-configmaps")
                  .withLabelSelector(SourceReader.BUNDLE_LABEL + "=true")
                  .withSecondaryToPrimaryMapper(cm -> primaries(context, CONFIGMAP_INDEX, key(cm)))
                  // The watch only wakes resources: it keeps each ConfigMap's name, not its data,
                  // which a reconcile reads by name when it uses it.
                  .withItemStore(new TransformingItemStore<>(TrimmedObjects::configMap))
                  .build(),
              context);
      sources.add(configMapSource);
    }
    if (settings.gate()) {
      // The pods the rollout gate knows: a contract step waits until none of them needs an older
      // schema, and a pod that goes wakes its DatabaseMigration.
      InformerEventSource<Pod, DatabaseMigration> podSource =
          new InformerEventSource<>(
              InformerEventSourceConfiguration.from(Pod.class, DatabaseMigration.class)
                  .withName("rollout-pods")
                  .withLabelSelector(GateAnnotations.GATED_LABEL + "=true")
                  .withSecondaryToPrimaryMapper(RolloutPods::primaries)
                  // Readiness and restarts change pods all the time; only what RunningPod reads
                  // can let a contract step run.
                  .withOnUpdateFilter(RolloutPods::changesWhatCounts)
                  .withItemStore(
                      new TransformingItemStore<>(
                          pod -> TrimmedObjects.pod(pod, GateAnnotations.READ)))
                  .build(),
              context);
      pods.use(podSource);
      sources.add(podSource);
    }
    return sources;
  }

  private static Set<ResourceID> primaries(
      EventSourceContext<DatabaseMigration> context, String index, String key) {
    return context.getPrimaryCache().byIndex(index, key).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  static List<String> configMapKeys(DatabaseMigration resource) {
    List<String> keys = new ArrayList<>();
    DatabaseMigrationSpec spec = resource.getSpec();
    if (spec != null && spec.source != null) {
      spec.source.configMaps.forEach(
          ref -> keys.add(resource.getMetadata().getNamespace() + "/" + ref.name));
    }
    return keys;
  }

  @Override
  public void close() {
    eventSenders.shutdown();
    pools.close();
  }
}
