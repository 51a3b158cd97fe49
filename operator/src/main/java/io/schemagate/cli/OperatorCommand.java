package io.schemagate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.schemagate.operator.OperatorSettings;
import io.schemagate.operator.SchemagateOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code schemagate operator}: run the Kubernetes operator until stopped. */
@Command(
    name = "operator",
    description = {
      "Run the DatabaseMigration operator against the cluster of the current kubeconfig, or the"
          + " in-cluster service account. Runs until SIGTERM.",
      "Serves /healthz, /readyz and Prometheus /metrics on --http-port."
    })
final class OperatorCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Option(
      names = "--namespaces",
      split = ",",
      description = "Namespaces to watch, comma-separated (env WATCH_NAMESPACES; default: all).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--reconcile-threads",
      defaultValue = "10",
      description = "Resources reconciled at once (default ${DEFAULT-VALUE}).")
  int reconcileThreads;

  @Option(
      names = "--recheck-interval",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "How often a resource at its target is checked again, to notice changes made outside"
              + " the operator (default ${DEFAULT-VALUE}).")
  Duration recheckInterval;

  @Option(
      names = "--retry-min",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "First wait after a transient failure, doubled each time (default ${DEFAULT-VALUE}).")
  Duration retryMin;

  @Option(
      names = "--retry-max",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "Longest wait between retries of a transient failure (default ${DEFAULT-VALUE}).")
  Duration retryMax;

  @Option(
      names = "--max-connections-per-target",
      defaultValue = "0",
      description =
          "Connections one database's shared pool may hold (default 0: three per reconcile"
              + " thread; fewer makes resources on one database wait for each other).")
  int maxConnections;

  @Option(
      names = "--gate",
      defaultValue = "true",
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Run the rollout gate, which removes the schemagate.io/schema scheduling gate from pods"
              + " once their schema version is applied (env SCHEMAGATE_GATE; default"
              + " ${DEFAULT-VALUE}; --gate=false switches it off).")
  boolean gate;

  @Option(
      names = "--leader-election",
      defaultValue = "false",
      fallbackValue = "true",
      arity = "0..1",
      description = "Elect a leader through a Lease, for several replicas (env LEADER_ELECTION).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "schemagate-operator",
      description = "The Lease used for leader election (default ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      description = "Namespace of the Lease (env POD_NAMESPACE; default: the operator's own).")
  String leaseNamespace;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "Port of /healthz, /readyz and /metrics (default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "text or json (env LOG_FORMAT; default ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(
      names = "--log-level",
      defaultValue = "info",
      description =
          "Level of schemagate's own log lines (env LOG_LEVEL; default ${DEFAULT-VALUE}).")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    OperatorLogging.configure(logFormat, logLevel);
    OperatorSettings settings =
        new OperatorSettings(
            namespaces,
            reconcileThreads,
            recheckInterval,
            retryMin,
            retryMax,
            root.lockTimeout,
            root.connectTimeout,
            maxConnections,
            gate);
    KubernetesClient client = new KubernetesClientBuilder().build();
    CountDownLatch stopped = new CountDownLatch(1);
    SchemagateOperator operator =
        SchemagateOperator.start(
            client, settings, leaderElection ? leaseName : null, leaseNamespace, httpPort, o -> {});
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "schemagate-shutdown"));
    LoggerFactory.getLogger(OperatorCommand.class)
        .info(
            "schemagate operator started: watching {}, {} reconcile threads, health and metrics"
                + " on :{}",
            namespaces.isEmpty() ? "all namespaces" : String.join(",", namespaces),
            reconcileThreads,
            operator.httpPort());
    stopped.await();
    return ExitCodes.OK;
  }
}
