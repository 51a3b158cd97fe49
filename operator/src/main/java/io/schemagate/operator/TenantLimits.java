package io.schemagate.operator;

import io.schemagate.db.SessionLimits;
import io.schemagate.db.TargetPolicy;
import io.schemagate.engine.api.BundleLimits;
import io.schemagate.engine.api.HistoryLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one tenant's DatabaseMigration may cost the operator: time limits of its sessions (a default
 * and a maximum the resource cannot exceed), migrations running at once in one namespace, the size
 * of a bundle, and whether H2 and SQLite may be used at all.
 *
 * @param defaults the time limits of a resource that sets none
 * @param maxima the highest time limits a resource may set
 * @param maxRunningPerNamespace reconciles of one namespace that may work on databases at once
 * @param localDataDir the folder for H2 and SQLite files ({@code <dir>/<namespace>/}), when an
 *     administrator allowed them; empty refuses them
 * @param bundle the largest bundle
 * @param history the largest history table the engine reads
 */
public record TenantLimits(
    SessionLimits defaults,
    SessionLimits maxima,
    int maxRunningPerNamespace,
    Optional<Path> localDataDir,
    BundleLimits bundle,
    HistoryLimits history) {
  /** The reconcile threads of the operator's defaults, for the default namespace slots. */
  private static final int DEFAULT_THREADS = Integer.parseInt(OperatorSettings.RECONCILE_THREADS);

  /**
   * Statements 30 min, lock waits 10 s, runs 1 h (maxima 6 h, 5 min, 6 h), half the default
   * reconcile threads per namespace, no H2 or SQLite.
   */
  public static final TenantLimits DEFAULTS =
      new TenantLimits(
          new SessionLimits(Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofHours(1)),
          new SessionLimits(Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofHours(6)),
          runningPerNamespaceFor(DEFAULT_THREADS),
          Optional.empty(),
          BundleLimits.DEFAULT,
          HistoryLimits.DEFAULT);

  /**
   * The default slots of one namespace: half the reconcile threads, so that one namespace's stuck
   * migrations leave the other half to everyone else.
   */
  public static int runningPerNamespaceFor(int reconcileThreads) {
    return Math.max(1, reconcileThreads / 2);
  }

  public TenantLimits {
    if (maxRunningPerNamespace < 1) {
      throw new IllegalArgumentException("at least one migration per namespace must be allowed");
    }
    check("statement timeout", defaults.statementTimeout(), maxima.statementTimeout());
    check("lock wait timeout", defaults.lockWaitTimeout(), maxima.lockWaitTimeout());
    check("deadline", defaults.deadline(), maxima.deadline());
  }

  private static void check(String what, Duration value, Duration maximum) {
    if (value.isZero() || maximum.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be set: tenants' work is bounded");
    }
    if (value.compareTo(maximum) > 0) {
      throw new IllegalArgumentException(
          "the default " + what + " is above its maximum; raise the maximum or lower the default");
    }
  }

  /** The URL policy of a resource in {@code namespace}. */
  TargetPolicy policy(String namespace) {
    return TargetPolicy.tenant(namespace, localDataDir);
  }

  public TenantLimits withLocalDataDir(Path dir) {
    return new TenantLimits(
        defaults, maxima, maxRunningPerNamespace, Optional.of(dir), bundle, history);
  }

  public TenantLimits withDefaults(SessionLimits value) {
    return new TenantLimits(value, maxima, maxRunningPerNamespace, localDataDir, bundle, history);
  }

  public TenantLimits withBundle(BundleLimits value) {
    return new TenantLimits(defaults, maxima, maxRunningPerNamespace, localDataDir, value, history);
  }

  public TenantLimits withMaxRunningPerNamespace(int value) {
    return new TenantLimits(defaults, maxima, value, localDataDir, bundle, history);
  }

  public TenantLimits withHistory(HistoryLimits value) {
    return new TenantLimits(defaults, maxima, maxRunningPerNamespace, localDataDir, bundle, value);
  }
}
