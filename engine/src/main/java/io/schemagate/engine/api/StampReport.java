package io.schemagate.engine.api;

import java.util.List;

/**
 * A stamp, planned or done: the history says {@code toVersion} without any script having run.
 *
 * @param fromVersion the applied version before, or {@code null} on an empty history
 * @param toVersion the applied version after
 * @param marked the scripts recorded as applied without running (going up), oldest first
 * @param removed the scripts recorded as removed without running their undo scripts (going down),
 *     newest first
 */
public record StampReport(
    String fromVersion, String toVersion, List<String> marked, List<String> removed) {
  public StampReport {
    marked = List.copyOf(marked);
    removed = List.copyOf(removed);
  }

  /** True when the stamp takes the recorded version down: versions recorded as applied go. */
  public boolean goesDown() {
    return !removed.isEmpty();
  }

  /** True when the history is left as it is. */
  public boolean unchanged() {
    return marked.isEmpty()
        && removed.isEmpty()
        && java.util.Objects.equals(fromVersion, toVersion);
  }
}
