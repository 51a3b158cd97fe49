package io.schemagate.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.MockApi;
import io.schemagate.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Runs the real operator against a mock API server and helps tests build resources. */
final class OperatorHarness implements AutoCloseable {
  /** The generated CRD, which travels in the model's jar. */
  static final String CRD = "/META-INF/fabric8/databasemigrations.schemagate.io-v1.yml";

  final KubernetesClient client;
  final SchemagateOperator operator;

  /** Installs the CRD and, unless {@code settings} is null, starts an operator. */
  OperatorHarness(KubernetesClient client, OperatorSettings settings) throws IOException {
    this.client = client;
    try (InputStream crd = DatabaseMigration.class.getResourceAsStream(CRD)) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).createOr(c -> c.update());
    }
    this.operator =
        settings == null
            ? null
            : SchemagateOperator.start(
                client,
                settings,
                null,
                null,
                -1,
                o ->
                    o.withStopOnInformerErrorDuringStartup(false)
                        .withInformerStoppedHandler((informer, e) -> {}));
  }

  /** The data folder of H2 and SQLite targets, which tests' operators allow. */
  static final Path LOCAL_DATA = localData();

  private static Path localData() {
    try {
      Path dir = Files.createTempDirectory("schemagate-local-data");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (Stream<Path> files = Files.walk(dir)) {
                      files
                          .sorted(java.util.Comparator.reverseOrder())
                          .forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                      // Only temporary files are left.
                    }
                  },
                  "drop-local-data"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fast retries and re-checks, for tests; labelled ConfigMaps watched, H2 and SQLite allowed below
   * {@link #LOCAL_DATA}, and as many migrations at once per namespace as there are threads.
   */
  static OperatorSettings fastSettings() {
    return new OperatorSettings(
        List.of(),
        4,
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        0,
        true,
        2,
        true,
        TenantLimits.DEFAULTS.withLocalDataDir(LOCAL_DATA).withMaxRunningPerNamespace(4),
        null);
  }

  /** {@code settings} watching only {@code namespaces}. */
  static OperatorSettings inNamespaces(OperatorSettings settings, List<String> namespaces) {
    return settings.toBuilder().namespaces(namespaces).build();
  }

  /** {@link #fastSettings()} with {@code threads} reconcile threads and namespace slots. */
  static OperatorSettings settings(int threads, int perNamespace) {
    OperatorSettings fast = fastSettings();
    return fast.toBuilder()
        .reconcileThreads(threads)
        .tenants(fast.tenants().withMaxRunningPerNamespace(perNamespace))
        .build();
  }

  /** The URL a resource in {@code namespace} writes for {@code db}: SQLite files relative. */
  static String specUrl(TestDatabase db, String namespace) {
    if (db.kind() == io.schemagate.db.DatabaseKind.SQLITE) {
      Path file = db.parsed().sqliteFile().orElseThrow();
      return "sqlite:///" + LOCAL_DATA.resolve(namespace).relativize(file);
    }
    return db.url();
  }

  /** The lets-talk example as ConfigMap data, per-database scripts as {@code <db>.<name>}. */
  static Map<String, String> exampleScripts() {
    Map<String, String> data = new LinkedHashMap<>();
    Path root = Databases.exampleMigrations();
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(file).toString().replace('/', '.');
        data.put(relative, Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }

  ConfigMap configMap(String namespace, String name, Map<String, String> data) {
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(SourceReader.BUNDLE_LABEL, "true")
                    .build())
            .withData(data)
            .build();
    return client.configMaps().inNamespace(namespace).resource(configMap).createOr(c -> c.update());
  }

  Secret credentials(String namespace, String name, String user, String password) {
    Secret secret =
        new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
            .addToStringData("username", user)
            .addToStringData("password", password)
            .build();
    return client.secrets().inNamespace(namespace).resource(secret).createOr(c -> c.update());
  }

  static DatabaseMigration migration(
      String namespace, String name, String url, String configMap, String credentials) {
    return MockApi.migration(namespace, name, url, configMap, credentials);
  }

  /** A DatabaseMigration whose scripts are all in spec.source.inline. */
  static DatabaseMigration inline(
      String namespace, String name, String url, Map<String, String> scripts) {
    DatabaseMigration resource = migration(namespace, name, url, null, null);
    resource.getSpec().source.inline.putAll(scripts);
    return resource;
  }

  DatabaseMigration apply(DatabaseMigration resource) {
    return client.resource(resource).createOr(c -> c.update());
  }

  /** The resource {@code namespace/name} with {@code change} made to it on the server. */
  static DatabaseMigration edit(
      KubernetesClient client,
      String namespace,
      String name,
      java.util.function.Consumer<DatabaseMigration> change) {
    return client
        .resources(DatabaseMigration.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            r -> {
              change.accept(r);
              return r;
            });
  }

  DatabaseMigration get(String namespace, String name) {
    return client.resources(DatabaseMigration.class).inNamespace(namespace).withName(name).get();
  }

  static Optional<Condition> condition(DatabaseMigration resource, String type) {
    if (resource == null || resource.getStatus() == null) {
      return Optional.empty();
    }
    return resource.getStatus().conditions.stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /** Waits until the resource's Ready condition carries {@code reason}, and returns it. */
  DatabaseMigration awaitReason(String namespace, String name, Reason reason) {
    return awaitResource(
        namespace,
        name,
        r -> condition(r, "Ready").map(c -> reason.name().equals(c.getReason())).orElse(false));
  }

  DatabaseMigration awaitResource(
      String namespace, String name, Predicate<DatabaseMigration> condition) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> condition.test(get(namespace, name)));
    return get(namespace, name);
  }

  /** Everything the operator published in {@code namespace}: each status, each Event message. */
  List<String> statusesAndEvents(String namespace) {
    List<String> texts = new java.util.ArrayList<>();
    for (DatabaseMigration resource :
        client.resources(DatabaseMigration.class).inNamespace(namespace).list().getItems()) {
      texts.add(io.fabric8.kubernetes.client.utils.Serialization.asJson(resource.getStatus()));
    }
    client.v1().events().inNamespace(namespace).list().getItems().stream()
        .map(Event::getMessage)
        .forEach(texts::add);
    return texts;
  }

  List<Event> events(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
  }
}
