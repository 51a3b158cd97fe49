package io.schemagate.cli;

import io.schemagate.engine.api.FailureKind;
import java.util.List;

/** The exit codes of every command; docs/reference/exit-codes.md lists them. */
public final class ExitCodes {
  public static final int OK = 0;

  /** {@code check}: migrations are pending. */
  public static final int PENDING = 1;

  /** The command line itself is wrong. */
  public static final int USAGE = 2;

  public static final int UNREACHABLE = 3;
  public static final int AUTHENTICATION_FAILED = 4;
  public static final int MIGRATION_FAILED = 5;

  /** The history and the bundle disagree: an applied script was edited, removed or skipped. */
  public static final int CHECKSUM_MISMATCH = 6;

  /** A failed migration left a row behind (MySQL, H2): fix the script, then {@code repair}. */
  public static final int REPAIR_NEEDED = 7;

  /**
   * A lock was held longer than its timeout: another migration's (the lock timeout) or a table or
   * row lock of another session (the lock wait timeout).
   */
  public static final int LOCKED = 8;

  /** A setting, the database URL or the bundle is invalid. */
  public static final int INVALID_CONFIGURATION = 9;

  public static final int TARGET_NOT_FOUND = 10;

  /** Refused to protect data: missing undo scripts, clean not confirmed, and the like. */
  public static final int REFUSED = 11;

  /** {@code wait}: the version was not reached in time. */
  public static final int TIMED_OUT = 12;

  /** A statement or the whole run exceeded its time limit, and was cancelled on the server. */
  public static final int TIME_LIMIT = 13;

  /** The database user lacks a privilege the command needs. */
  public static final int PERMISSION_DENIED = 14;

  /** {@code lint}, {@code check --fail-on}: a finding at least as severe as asked. */
  public static final int LINT_FINDINGS = 15;

  /** The history table holds more rows or text than the engine reads, or foreign columns. */
  public static final int HISTORY_TOO_LARGE = 16;

  /**
   * {@code create --autogenerate}: the scripts were written, but applying, undoing and applying
   * them again on the scratch database did not give the schema wanted.
   */
  public static final int AUTOGENERATE_MISMATCH = 17;

  public static final int INTERNAL = 70;

  /** One exit code: its number, a word or two for {@code --help}, and what it means. */
  public record Meaning(int code, String brief, String detail) {}

  /**
   * Every exit code, in order; {@code --help} and docs/reference/exit-codes.md are made from it.
   */
  public static final List<Meaning> ALL =
      List.of(
          new Meaning(OK, "done", "done"),
          new Meaning(PENDING, "pending", "`check`: migrations are pending"),
          new Meaning(
              USAGE,
              "usage",
              "wrong command line: unknown command or option, a missing or malformed argument"),
          new Meaning(
              UNREACHABLE,
              "unreachable",
              "database unreachable: unknown host, nothing listening on the port, or the database"
                  + " does not exist"),
          new Meaning(AUTHENTICATION_FAILED, "authentication", "authentication failed"),
          new Meaning(
              MIGRATION_FAILED,
              "migration failed",
              "a migration (or undo script) failed; the message names the script and the line"),
          new Meaning(
              CHECKSUM_MISMATCH,
              "drift",
              "history and bundle disagree: an applied script was edited, renamed, removed or"
                  + " skipped (`check`, `status`, `upgrade`, `validate`)"),
          new Meaning(
              REPAIR_NEEDED,
              "repair needed",
              "a failed migration left a row behind (MySQL, MariaDB, H2, or a PostgreSQL script"
                  + " run outside a transaction): fix the script, then `repair`"),
          new Meaning(
              LOCKED,
              "locked",
              "another migration held the lock past `--lock-timeout`, a SQLite file stayed"
                  + " locked, or a statement waited past `--lock-wait-timeout` for another"
                  + " session's lock"),
          new Meaning(
              INVALID_CONFIGURATION,
              "invalid input",
              "invalid setting, database URL, version or bundle; the message names which"),
          new Meaning(TARGET_NOT_FOUND, "unknown target", "target version not in the bundle"),
          new Meaning(
              REFUSED,
              "refused",
              "refused to protect data: missing undo script, `reset` not confirmed, repair with a"
                  + " partial bundle, existing schema without history, a history that moved since"
                  + " the plan was shown"),
          new Meaning(
              TIMED_OUT,
              "wait timed out",
              "`wait`: the version was not reached before `--timeout`"),
          new Meaning(
              TIME_LIMIT,
              "time limit",
              "a statement ran past `--statement-timeout`, or the run past `--deadline`; it was"
                  + " cancelled on the server"),
          new Meaning(
              PERMISSION_DENIED,
              "privilege",
              "the user logged in but lacks a privilege outside a script (e.g. `CREATE` on the"
                  + " history table's schema); a script that fails for want of one is exit 5"),
          new Meaning(
              LINT_FINDINGS,
              "lint",
              "`lint`, `check --fail-on`, `plan --fail-on`: a lint finding at least as severe as"
                  + " asked"),
          new Meaning(
              HISTORY_TOO_LARGE,
              "history too large",
              "the history table is over `--max-history-rows` or `--max-history-size`, or has"
                  + " columns Flyway does not write; nothing was read"),
          new Meaning(
              AUTOGENERATE_MISMATCH,
              "autogenerate mismatch",
              "`create --autogenerate`: the scripts were written, but V, U and V again on the"
                  + " scratch database did not give the schema wanted; the differences are"
                  + " printed"),
          new Meaning(
              INTERNAL, "internal", "internal error (run again with `--debug` and report it)"));

  private ExitCodes() {}

  static int of(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT, INVALID_BUNDLE -> INVALID_CONFIGURATION;
      case UNREACHABLE -> UNREACHABLE;
      case AUTHENTICATION_FAILED -> AUTHENTICATION_FAILED;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case LOCKED, LOCK_WAIT_TIMEOUT -> LOCKED;
      case STATEMENT_TIMEOUT, DEADLINE_EXCEEDED, CANCELLED -> TIME_LIMIT;
      case MIGRATION_FAILED -> MIGRATION_FAILED;
      case CHECKSUM_MISMATCH -> CHECKSUM_MISMATCH;
      case FAILED_MIGRATION_PRESENT -> REPAIR_NEEDED;
      case TARGET_NOT_FOUND -> TARGET_NOT_FOUND;
      case REFUSED, PLAN_STALE -> REFUSED;
      case HISTORY_TOO_LARGE -> HISTORY_TOO_LARGE;
      case INTERNAL -> INTERNAL;
    };
  }
}
