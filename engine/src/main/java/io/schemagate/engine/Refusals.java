package io.schemagate.engine;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engine's refusals of a broken history, worded once: the command line, the operator and the
 * embedding API show these words, with the adapter's {@link Vocabulary} for the remedy.
 */
final class Refusals {
  private Refusals() {}

  /**
   * A failed row or drift, or nothing when the history is sound.
   *
   * @param validate refuse drift too ({@code validateOnMigrate}); a failed row is refused always,
   *     as Flyway does
   */
  static Optional<Refusal> brokenHistory(
      StatusReport status, Vocabulary vocabulary, boolean validate) {
    if (!status.failed().isEmpty()) {
      HistoryEntry failed = status.failed().get(0);
      return Optional.of(
          new Refusal(
              FailureKind.FAILED_MIGRATION_PRESENT,
              failed.script()
                  + " failed earlier and left a failed row in the history of "
                  + status.database()
                  + ". Fix the script (and undo what it changed), then "
                  + vocabulary.repair()
                  + ".",
              failed.script()));
    }
    if (validate && !status.drift().isEmpty()) {
      return Optional.of(
          new Refusal(
              FailureKind.CHECKSUM_MISMATCH,
              "the history of "
                  + status.database()
                  + " does not match the bundle: "
                  + status.drift().stream()
                      .map(d -> d.script() + " " + d.problem())
                      .collect(Collectors.joining("; ")),
              status.drift().get(0).script()));
    }
    return Optional.empty();
  }

  /** {@code baseline} on a history that already records migrations. */
  static String historyNotEmpty(String database, String current, int rows) {
    return "baseline only marks a database without history, and the history of "
        + database
        + " already records "
        + (current == null ? "migrations" : "version " + current)
        + " ("
        + rows
        + (rows == 1 ? " row" : " rows")
        + "); nothing was changed. To move the recorded version on purpose, use stamp VERSION:"
        + " it shows what changes and asks first";
  }

  /** A stamp whose history moved between the plan that was shown and the run. */
  static String stampMoved(String database, StampReport now) {
    return "The history of "
        + database
        + " changed since this stamp was shown (it now records "
        + (now.fromVersion() == null ? "nothing" : "version " + now.fromVersion())
        + "); nothing was changed. Run stamp again to see what it would do now";
  }
}
