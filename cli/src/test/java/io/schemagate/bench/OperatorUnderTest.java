package io.schemagate.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.ChildJvm;
import io.schemagate.testing.MockApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it runs in a cluster: its own JVM (the packaged jar when it is built, with the
 * heap the Helm chart's default memory limit gives), against a Kubernetes API served in CRUD mode
 * by the Fabric8 mock server in the benchmark's JVM. Also reads the process's memory and CPU.
 */
final class OperatorUnderTest implements AutoCloseable {
  static final String NAMESPACE = "bench";

  /**
   * The JVM the image gets under the chart's default 512Mi memory limit: sized as if the machine
   * had 512 MiB (so the initial heap is small and the maximum is the image's 75%), with the serial
   * collector, which the JVM itself picks for a container with less than about 2 GiB.
   */
  static final List<String> JVM =
      List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC");

  private static final Path JAR = Path.of("operator/target/schemagate.jar");
  private static final long CLOCK_TICKS = 100;

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Process process;
  private final Path log;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorUnderTest(
      KubernetesMockServer server, KubernetesClient client, Process process, Path log, int port) {
    this.server = server;
    this.client = client;
    this.process = process;
    this.log = log;
    this.httpPort = port;
  }

  /** Starts the API server and the operator, and waits until the operator reports ready. */
  static OperatorUnderTest start(int threads, Duration recheck, boolean gate) throws Exception {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    KubernetesClient client = server.createClient();
    try (InputStream crd =
        OperatorUnderTest.class.getResourceAsStream(
            "/META-INF/fabric8/databasemigrations.schemagate.io-v1.yml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildJvm.options());
    command.addAll(JVM);
    // Extra JVM options for the operator alone, e.g. a Flight Recording to profile it.
    String extra = System.getenv("BENCH_OPERATOR_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    if (Files.isRegularFile(JAR)) {
      command.add("-jar");
      command.add(JAR.toString());
    } else {
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("io.schemagate.cli.Main");
    }
    command.addAll(
        List.of(
            "operator",
            "--http-port=" + port,
            "--reconcile-threads=" + threads,
            // Every resource of the benchmark lives in one namespace: let all threads work on it,
            // as a single-tenant installation would.
            "--max-running-per-namespace=" + threads,
            "--recheck-interval=" + recheck.toSeconds() + "s",
            "--gate=" + gate,
            "--namespaces=" + NAMESPACE));
    Path log = Files.createTempFile("schemagate-bench-operator", ".log");
    log.toFile().deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(MockApi.operatorEnvironment(client, NAMESPACE));
    OperatorUnderTest operator = new OperatorUnderTest(server, client, builder.start(), log, port);
    operator.awaitReady();
    return operator;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() {
    await("the operator ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("The operator exited: " + tail());
              }
              try {
                return get("/readyz").statusCode() == 200;
              } catch (IOException e) {
                return false; // Not listening yet.
              }
            });
  }

  KubernetesClient client() {
    return client;
  }

  /** A labelled ConfigMap holding the scripts. */
  void bundle(String name, Map<String, String> scripts) {
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withMetadata(
                    new ObjectMetaBuilder()
                        .withName(name)
                        .withNamespace(NAMESPACE)
                        .addToLabels("schemagate.io/bundle", "true")
                        .build())
                .withData(scripts)
                .build())
        .create();
  }

  /** A DatabaseMigration applying the bundle {@code configMap} to {@code schema}. */
  static DatabaseMigration migration(String name, String url, String schema, String configMap) {
    DatabaseMigration resource = MockApi.migration(NAMESPACE, name, url, configMap, null);
    resource.getSpec().database.schemas.add(schema);
    return resource;
  }

  void create(DatabaseMigration resource) {
    client.resource(resource).create();
  }

  /** Resident memory of the operator process, in MiB. */
  double rssMiB() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for the operator process");
  }

  /** CPU time the operator process has used, user and system, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
  }

  String metrics() throws Exception {
    return get("/metrics").body();
  }

  /** The sum of every sample of {@code metric} whose labels contain all of {@code labels}. */
  static double sample(String metrics, String metric, String... labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(metrics);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      if (java.util.Arrays.stream(labels).allMatch(m.group(1)::contains)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    client.close();
    server.destroy();
    Files.deleteIfExists(log);
  }
}
