package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.kube.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings each DatabaseMigration's database to its target and reports where it stands. The work for
 * one resource is a {@link Reconciliation}; this class wires it to JOSDK: events from the resource,
 * from labelled ConfigMaps and Secrets it references, and timed re-checks.
 */
@ControllerConfiguration(name = "databasemigration")
public final class DatabaseMigrationReconciler
    implements Reconciler<DatabaseMigration>, AutoCloseable {
  private static final String CONFIGMAP_INDEX = "schemagate-configmaps";
  private static final String SECRET_INDEX = "schemagate-secrets";

  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final SharedPools pools;
  private final StatusWriter statusWriter;
  private final java.util.concurrent.ExecutorService eventSenders;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final CachedLookup<ConfigMap> configMaps;
  private final CachedLookup<Secret> secrets;
  private final SourceReader sources;
  private final TargetReader targets;
  private final VerifiedStates verified;

  public DatabaseMigrationReconciler(
      KubernetesClient client,
      OperatorSettings settings,
      io.micrometer.core.instrument.MeterRegistry registry) {
    this.client = client;
    this.settings = settings;
    this.pools =
        new SharedPools(
            new io.schemagate.db.ConnectionSettings(
                settings.connectTimeout(), settings.connectionsPerTarget()),
            settings.lockTimeout(),
            settings.recheckInterval().multipliedBy(3));
    this.statusWriter = new StatusWriter(client);
    this.eventSenders = EventRecorder.senders("schemagate-events", settings.reconcileThreads());
    this.events = new EventRecorder(client, eventSenders);
    this.metrics = new OperatorMetrics(registry);
    this.configMaps = new CachedLookup<>(client, ConfigMap.class);
    this.secrets = new CachedLookup<>(client, Secret.class);
    this.sources = new SourceReader(configMaps);
    this.targets = new TargetReader(secrets);
    this.verified = new VerifiedStates(settings.recheckInterval().multipliedBy(3));
  }

  @Override
  public UpdateControl<DatabaseMigration> reconcile(
      DatabaseMigration resource, Context<DatabaseMigration> context) {
    long start = System.nanoTime();
    Reconciliation.Outcome outcome =
        new Reconciliation(
                resource,
                settings,
                pools,
                sources,
                targets,
                statusWriter,
                events,
                metrics,
                verified)
            .run();
    statusWriter.write(resource, outcome.status());
    metrics.reconciled(outcome.unchanged(), System.nanoTime() - start);
    return UpdateControl.<DatabaseMigration>noUpdate().rescheduleAfter(outcome.next());
  }

  @Override
  public List<EventSource<?, DatabaseMigration>> prepareEventSources(
      EventSourceContext<DatabaseMigration> context) {
    context.getPrimaryCache().addIndexer(CONFIGMAP_INDEX, r -> configMapKeys(r));
    context.getPrimaryCache().addIndexer(SECRET_INDEX, r -> secretKeys(r));
    InformerEventSource<ConfigMap, DatabaseMigration> configMapSource =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ConfigMap.class, DatabaseMigration.class)
                .withName("bundle-configmaps")
                .withLabelSelector(SourceReader.BUNDLE_LABEL + "=true")
                .withSecondaryToPrimaryMapper(cm -> primaries(context, CONFIGMAP_INDEX, key(cm)))
                .build(),
            context);
    InformerEventSource<Secret, DatabaseMigration> secretSource =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, DatabaseMigration.class)
                .withName("credential-secrets")
                .withLabelSelector(TargetReader.CREDENTIALS_LABEL + "=true")
                .withSecondaryToPrimaryMapper(s -> primaries(context, SECRET_INDEX, key(s)))
                .build(),
            context);
    configMaps.use(configMapSource);
    secrets.use(secretSource);
    return List.of(configMapSource, secretSource);
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

  static List<String> secretKeys(DatabaseMigration resource) {
    List<String> keys = new ArrayList<>();
    DatabaseMigrationSpec spec = resource.getSpec();
    if (spec == null || spec.database == null) {
      return keys;
    }
    String namespace = resource.getMetadata().getNamespace();
    if (spec.database.credentialsSecret != null) {
      keys.add(namespace + "/" + spec.database.credentialsSecret.name);
    }
    if (spec.database.urlFrom != null && spec.database.urlFrom.secretKeyRef != null) {
      keys.add(namespace + "/" + spec.database.urlFrom.secretKeyRef.name);
    }
    return keys;
  }

  @Override
  public void close() {
    eventSenders.shutdown();
    pools.close();
  }
}
