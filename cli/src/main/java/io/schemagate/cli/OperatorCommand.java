package io.schemagate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.schemagate.db.SessionLimits;
import io.schemagate.operator.OperatorSettings;
import io.schemagate.operator.SchemagateOperator;
import io.schemagate.operator.TenantLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code schemagate operator}: run the Kubernetes operator until stopped. */
@Command(
    name = "operator",
    header = "Run the Kubernetes operator",
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
      defaultValue = OperatorSettings.RECONCILE_THREADS,
      description = "Resources reconciled at once (default ${DEFAULT-VALUE}).")
  int reconcileThreads;

  @Option(
      names = "--recheck-interval",
      defaultValue = OperatorSettings.RECHECK_INTERVAL,
      converter = DurationConverter.class,
      description =
          "How often a resource at its target is checked again, to notice changes made outside"
              + " the operator (default ${DEFAULT-VALUE}).")
  Duration recheckInterval;

  @Option(
      names = "--retry-min",
      defaultValue = OperatorSettings.RETRY_MIN,
      converter = DurationConverter.class,
      description =
          "First wait after a transient failure, doubled each time (default ${DEFAULT-VALUE}).")
  Duration retryMin;

  @Option(
      names = "--retry-max",
      defaultValue = OperatorSettings.RETRY_MAX,
      converter = DurationConverter.class,
      description =
          "Longest wait between retries of a transient failure (default ${DEFAULT-VALUE}).")
  Duration retryMax;

  @Option(
      names = "--max-connections-per-target",
      defaultValue = OperatorSettings.MAX_CONNECTIONS,
      description =
          "Connections one database's shared pool may hold (default 0: three per reconcile"
              + " thread; fewer makes resources on one database wait for each other).")
  int maxConnections;

  @Option(
      names = "--gate",
      defaultValue = OperatorSettings.GATE,
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Run the rollout gate, which removes the schemagate.io/schema scheduling gate from pods"
              + " once their schema version is applied (env SCHEMAGATE_GATE; default"
              + " ${DEFAULT-VALUE}; --gate=false switches it off).")
  boolean gate;

  @Option(
      names = "--watch-configmaps",
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Watch ConfigMaps labelled schemagate.io/bundle=true, so that an edit is applied at"
              + " once; needs list and watch on ConfigMaps (default: on with --namespaces, off"
              + " across the cluster, where an edit shows at the next re-check).")
  Boolean watchConfigMaps;

  @Option(
      names = "--gate-threads",
      defaultValue = OperatorSettings.GATE_THREADS,
      description =
          "Threads of the rollout gate, apart from the reconcile threads, so that stuck"
              + " migrations never keep pods gated (default ${DEFAULT-VALUE}).")
  int gateThreads;

  @Option(
      names = "--max-statement-timeout",
      converter = DurationConverter.class,
      description =
          "The highest spec.timeouts.statement a resource may set (default 6h); the default"
              + " for resources is --statement-timeout (default 30m).")
  Duration maxStatementTimeout;

  @Option(
      names = "--max-lock-wait-timeout",
      converter = DurationConverter.class,
      description =
          "The highest spec.timeouts.lockWait a resource may set (default 5m); the default for"
              + " resources is --lock-wait-timeout (default 10s).")
  Duration maxLockWaitTimeout;

  @Option(
      names = "--max-deadline",
      converter = DurationConverter.class,
      description =
          "The highest spec.timeouts.deadline a resource may set (default 6h); the default for"
              + " resources is --deadline (default 1h).")
  Duration maxDeadline;

  @Option(
      names = "--shard-selector",
      description =
          "Serve only the DatabaseMigrations this label selector matches, e.g."
              + " schemagate.io/shard=a: several operators, each with its own --lease-name, then"
              + " share a cluster's resources. Default: all.")
  String shardSelector;

  @Option(
      names = "--max-running-per-namespace",
      description =
          "Reconciles of one namespace that may work on databases at once (default: half the"
              + " reconcile threads), so that stuck migrations in one namespace never delay"
              + " another's.")
  Integer maxRunningPerNamespace;

  @Option(
      names = "--allow-local-databases",
      defaultValue = "false",
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Allow H2 and SQLite targets, which run inside the operator: only for single-tenant"
              + " clusters, where whoever creates a DatabaseMigration may run code in the"
              + " operator (env SCHEMAGATE_ALLOW_LOCAL_DATABASES; default ${DEFAULT-VALUE}).")
  boolean allowLocalDatabases;

  @Option(
      names = "--local-data-dir",
      defaultValue = "/tmp/schemagate-data",
      description =
          "Folder of H2 and SQLite files with --allow-local-databases; each namespace gets"
              + " <dir>/<namespace>/ (default ${DEFAULT-VALUE}).")
  Path localDataDir;

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

  /** The tenant limits the flags ask for, over {@link TenantLimits#DEFAULTS}. */
  TenantLimits tenantLimits() {
    TenantLimits defaults = TenantLimits.DEFAULTS;
    SessionLimits base = defaults.defaults();
    SessionLimits max = defaults.maxima();
    TenantLimits limits =
        new TenantLimits(
            new SessionLimits(
                or(root.limitOptions.statementTimeout, base.statementTimeout()),
                or(root.limitOptions.lockWaitTimeout, base.lockWaitTimeout()),
                or(root.limitOptions.deadline, base.deadline())),
            new SessionLimits(
                or(maxStatementTimeout, max.statementTimeout()),
                or(maxLockWaitTimeout, max.lockWaitTimeout()),
                or(maxDeadline, max.deadline())),
            maxRunningPerNamespace == null
                ? TenantLimits.runningPerNamespaceFor(reconcileThreads)
                : maxRunningPerNamespace,
            Optional.empty(),
            root.bundleLimits(),
            root.historyLimits());
    return allowLocalDatabases ? limits.withLocalDataDir(localDataDir) : limits;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** The settings the flags ask for; without flags, {@link OperatorSettings#DEFAULTS}. */
  OperatorSettings settings() {
    return new OperatorSettings(
        namespaces,
        reconcileThreads,
        recheckInterval,
        retryMin,
        retryMax,
        root.lockTimeout,
        root.connectTimeout,
        maxConnections,
        gate,
        gateThreads,
        watchConfigMaps == null ? !namespaces.isEmpty() : watchConfigMaps,
        tenantLimits(),
        shardSelector);
  }

  @Override
  public Integer call() throws Exception {
    OperatorSettings settings = settings();
    KubernetesClient client = new KubernetesClientBuilder().build();
    ApiServerCheck.reachable(client);
    OperatorLogging.configure(logFormat, logLevel);
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
