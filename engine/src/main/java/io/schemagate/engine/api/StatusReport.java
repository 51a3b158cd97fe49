package io.schemagate.engine.api;

import java.util.List;

/**
 * Where a database stands against a bundle.
 *
 * @param database the target, password masked
 * @param currentVersion the applied version, {@code null} on an empty history
 * @param latestVersion the highest version in the bundle
 * @param appliedCount versioned migrations applied
 * @param pending scripts an upgrade to head would run
 * @param failed failed rows left in the history (MySQL, H2)
 * @param drift applied scripts edited or missing since
 */
public record StatusReport(
    String database,
    String schema,
    String table,
    String currentVersion,
    String latestVersion,
    int appliedCount,
    List<PendingMigration> pending,
    List<HistoryEntry> failed,
    List<Drift> drift,
    String bundleDigest) {
  /** Applied up to the bundle's head, nothing failed, nothing drifted. */
  public boolean upToDate() {
    return pending.isEmpty() && failed.isEmpty() && drift.isEmpty();
  }
}
