package io.schemagate.engine.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engine's refusals, worded once: the command line, the operator and the embedding API show
 * these words, with the adapter's {@link Vocabulary} for the remedy. Each names what is wrong and
 * the fix in the user's words, never code ({@code RefusalsTextTest} reads every one).
 */
public final class Refusals {
  private Refusals() {}

  /**
   * A failed row or drift, or nothing when the history is sound.
   *
   * @param validate refuse drift too ({@code validateOnMigrate}); a failed row is refused always,
   *     as Flyway does
   */
  public static Optional<Refusal> brokenHistory(
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
  public static String historyNotEmpty(String database, String current, int rows) {
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
  public static String stampMoved(String database, StampReport now) {
    return "The history of "
        + database
        + " changed since this stamp was shown (it now records "
        + (now.fromVersion() == null ? "nothing" : "version " + now.fromVersion())
        + "); nothing was changed. Run stamp again to see what it would do now";
  }

  /** A downgrade that needs undo scripts the bundle lacks, each named as it must be written. */
  public static String missingUndo(List<String> missing) {
    return "Cannot downgrade: the bundle has no undo script for "
        + String.join(", ", missing)
        + ". Nothing was changed; add the missing undo scripts first.";
  }

  /** A plan whose history or bundle moved before it ran. */
  public static String planStale(String database) {
    return "The history of "
        + database
        + " or the bundle changed since this plan was made (another run, a repair, an edit);"
        + " nothing was run; plan it again";
  }

  /** A run that would not be the plan it was asked to run. */
  public static String planDiffers(String database, List<String> planned, List<String> running) {
    return "The run on "
        + database
        + " would apply "
        + running
        + ", not the planned "
        + planned
        + "; nothing was run; report this with both lists";
  }

  /** A downgrade whose target is above the applied version. */
  public static String noDowngrade(String version) {
    return "Version " + version + " is above the applied version; use upgrade to go there";
  }

  /** A named target below the applied version, for a command whose way back is {@code remedy}. */
  public static String belowApplied(String version, String applied, String remedy) {
    return "Version "
        + version
        + " is below the applied version "
        + applied
        + "; use "
        + remedy
        + " to go back";
  }

  /** A repair that would record applied scripts the bundle lacks as deleted. */
  public static String repairWouldDelete(List<String> missing) {
    return "Refusing to repair with a bundle that lacks applied scripts ("
        + String.join(", ", missing)
        + "): repair would record them as deleted. Restore them and repair again, or, if they were"
        + " deleted on purpose, add *:missing to ignoreMigrationPatterns.";
  }

  /** Clean, which the caller did not allow. */
  public static String cleanDisabled(String database) {
    return "Clean drops every object in the schema of "
        + database
        + " and is disabled; allow it explicitly (reset asks for confirmation, --yes skips it)";
  }

  /** A downgrade of a database that holds migrations this bundle lacks. */
  public static String newerThanBundle(List<String> unknown) {
    return "The database has newer migrations than this bundle ("
        + String.join(", ", unknown)
        + "); downgrade with the bundle that applied them. Nothing was changed.";
  }

  /** More steps back than there are applied migrations. */
  public static String tooManySteps(int steps, int applied) {
    return "Cannot go back "
        + steps
        + (steps == 1 ? " step" : " steps")
        + ": only "
        + applied
        + (applied == 1 ? " migration is applied" : " migrations are applied");
  }

  /** A downgrade across the baseline of an existing schema. */
  public static String belowBaseline(String version) {
    return "Version "
        + version
        + " is a baseline (or stamp) of an existing schema: there is nothing to undo at or below"
        + " it";
  }

  /** A merge that would rename an applied script. */
  public static String mergeApplied(String script) {
    return script + " is applied; merge renames only unapplied scripts";
  }

  /**
   * A schema with tables and no history, named with the Alembic revision it holds, if any.
   *
   * @param alembicRevision the revision in {@code alembic_version}, when Alembic managed it
   */
  public static String unmanaged(String database, Optional<String> alembicRevision) {
    String alembic =
        alembicRevision
            .map(
                r ->
                    " Alembic managed it until now (alembic_version holds revision "
                        + r
                        + "): find the version of this bundle whose schema matches that revision"
                        + " and record it with `stamp <version>`, then upgrade.")
            .orElse(
                " Record the version it is at with `stamp <version>` (or set baselineOnMigrate),"
                    + " then upgrade.");
    return "The schema of "
        + database
        + " already holds tables but has no schema history table, so schemagate cannot tell which"
        + " migrations it has."
        + alembic;
  }
}
