package io.schemagate.operator;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.Durations;
import io.schemagate.engine.api.EngineSettings;
import java.time.Duration;
import java.util.List;

/**
 * How the operator runs.
 *
 * @param namespaces namespaces to watch; empty for all
 * @param reconcileThreads resources reconciled at once
 * @param recheckInterval how often a resource at its target is checked again for outside drift
 * @param retryMin first wait after a transient failure (doubled after each further one)
 * @param retryMax longest wait between retries of a transient failure
 * @param lockTimeout how long a reconcile waits for another migration of the same database
 * @param connectTimeout how long to wait for a database connection
 * @param maxConnections connections each shared pool may hold; 0 for three per reconcile thread
 * @param gate run the rollout gate, which releases pods waiting for a schema version
 * @param gateThreads the rollout gate's own threads, so stuck migrations never hold pods back
 * @param watchConfigMaps watch labelled ConfigMaps, so an edit re-reconciles at once; needs list
 *     and watch on ConfigMaps in the watched namespaces (across the cluster it is off by default)
 * @param tenants what one tenant's resources may cost
 * @param shardSelector a label selector: this operator serves only the DatabaseMigrations it
 *     matches, so several operators (each with its own lease) share a cluster's resources; null for
 *     all
 */
public record OperatorSettings(
    List<String> namespaces,
    int reconcileThreads,
    Duration recheckInterval,
    Duration retryMin,
    Duration retryMax,
    Duration lockTimeout,
    Duration connectTimeout,
    int maxConnections,
    boolean gate,
    int gateThreads,
    boolean watchConfigMaps,
    TenantLimits tenants,
    String shardSelector) {
  // The defaults, once: the command line's flags name these constants, DEFAULTS is built from
  // them, and DefaultsTest checks that the help text and the chart's values say the same.
  public static final String RECONCILE_THREADS = "10";
  public static final String RECHECK_INTERVAL = "10m";
  public static final String RETRY_MIN = "5s";
  public static final String RETRY_MAX = "5m";
  public static final String MAX_CONNECTIONS = "0";
  public static final String GATE = "true";
  public static final String GATE_THREADS = "2";

  /**
   * The operator as it runs without flags: every namespace, the gate on, ConfigMaps not watched.
   */
  public static final OperatorSettings DEFAULTS =
      new OperatorSettings(
          List.of(),
          Integer.parseInt(RECONCILE_THREADS),
          duration(RECHECK_INTERVAL),
          duration(RETRY_MIN),
          duration(RETRY_MAX),
          duration(EngineSettings.DEFAULT_LOCK_TIMEOUT),
          ConnectionSettings.DEFAULT.connectTimeout(),
          Integer.parseInt(MAX_CONNECTIONS),
          Boolean.parseBoolean(GATE),
          Integer.parseInt(GATE_THREADS),
          false,
          TenantLimits.DEFAULTS,
          null);

  // Kubernetes' label selector forms: key, !key, key=value, key==value, key!=value,
  // key in (a,b), key notin (a,b); joined by commas.
  private static final String KEY = "[A-Za-z0-9]([A-Za-z0-9./_-]*[A-Za-z0-9])?";
  private static final String VALUE = "([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?";
  private static final String REQUIREMENT =
      "\\s*(!?"
          + KEY
          + "|"
          + KEY
          + "\\s*(=|==|!=)\\s*"
          + VALUE
          + "|"
          + KEY
          + "\\s+(in|notin)\\s*\\(\\s*"
          + VALUE
          + "(\\s*,\\s*"
          + VALUE
          + ")*\\s*\\))\\s*";
  private static final java.util.regex.Pattern SELECTOR =
      java.util.regex.Pattern.compile(REQUIREMENT + "(," + REQUIREMENT + ")*");

  private static Duration duration(String text) {
    return Durations.parse(text).orElseThrow();
  }

  public OperatorSettings {
    namespaces = List.copyOf(namespaces);
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException("reconcile threads must be at least 1");
    }
    if (gateThreads < 1) {
      throw new IllegalArgumentException("gate threads must be at least 1");
    }
    if (shardSelector != null && shardSelector.isBlank()) {
      shardSelector = null;
    }
    if (shardSelector != null && !SELECTOR.matcher(shardSelector).matches()) {
      throw new IllegalArgumentException(
          "--shard-selector '"
              + shardSelector
              + "' is not a label selector; write e.g. schemagate.io/shard=a or"
              + " 'schemagate.io/shard in (a,b)'");
    }
  }

  /** The same settings with other tenant limits. */
  public OperatorSettings withTenants(TenantLimits value) {
    return toBuilder().tenants(value).build();
  }

  /** The same settings, watching labelled ConfigMaps or not. */
  public OperatorSettings withWatchConfigMaps(boolean value) {
    return toBuilder().watchConfigMaps(value).build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a copy; the others stay. */
  public static final class Builder {
    private List<String> namespaces;
    private int reconcileThreads;
    private Duration recheckInterval;
    private Duration retryMin;
    private Duration retryMax;
    private Duration lockTimeout;
    private Duration connectTimeout;
    private int maxConnections;
    private boolean gate;
    private int gateThreads;
    private boolean watchConfigMaps;
    private TenantLimits tenants;
    private String shardSelector;

    private Builder(OperatorSettings from) {
      namespaces = from.namespaces;
      reconcileThreads = from.reconcileThreads;
      recheckInterval = from.recheckInterval;
      retryMin = from.retryMin;
      retryMax = from.retryMax;
      lockTimeout = from.lockTimeout;
      connectTimeout = from.connectTimeout;
      maxConnections = from.maxConnections;
      gate = from.gate;
      gateThreads = from.gateThreads;
      watchConfigMaps = from.watchConfigMaps;
      tenants = from.tenants;
      shardSelector = from.shardSelector;
    }

    public Builder shardSelector(String value) {
      shardSelector = value;
      return this;
    }

    public Builder namespaces(List<String> value) {
      namespaces = value;
      return this;
    }

    public Builder reconcileThreads(int value) {
      reconcileThreads = value;
      return this;
    }

    public Builder recheckInterval(Duration value) {
      recheckInterval = value;
      return this;
    }

    public Builder gate(boolean value) {
      gate = value;
      return this;
    }

    public Builder watchConfigMaps(boolean value) {
      watchConfigMaps = value;
      return this;
    }

    public Builder tenants(TenantLimits value) {
      tenants = value;
      return this;
    }

    public OperatorSettings build() {
      return new OperatorSettings(
          namespaces,
          reconcileThreads,
          recheckInterval,
          retryMin,
          retryMax,
          lockTimeout,
          connectTimeout,
          maxConnections,
          gate,
          gateThreads,
          watchConfigMaps,
          tenants,
          shardSelector);
    }
  }

  /**
   * The size of one target's shared pool. A migration holds up to three connections at once (the
   * lock, Flyway's and its history's), so fewer than three per thread would let resources on one
   * database starve each other.
   */
  public int connectionsPerTarget() {
    return maxConnections > 0 ? Math.max(3, maxConnections) : 3 * reconcileThreads;
  }
}
