package io.schemagate.engine.api;

/**
 * Why the engine will not move a database, in the one wording every adapter shows.
 *
 * @param kind {@link FailureKind#FAILED_MIGRATION_PRESENT}, {@link FailureKind#CHECKSUM_MISMATCH}
 *     or {@link FailureKind#REFUSED}
 * @param message what is wrong and the fix, without secrets
 * @param script the script concerned, or {@code null}
 */
public record Refusal(FailureKind kind, String message, String script) {
  /** True when the history itself is broken (a failed row or drift), whatever the direction. */
  public boolean brokenHistory() {
    return kind == FailureKind.FAILED_MIGRATION_PRESENT || kind == FailureKind.CHECKSUM_MISMATCH;
  }

  /** The refusal as the exception an operation throws, its message led by {@code operation}. */
  public EngineException toException(String operation) {
    return new EngineException(kind, "Cannot " + operation + ": " + message, script, 0, null);
  }
}
