package io.schemagate.operator;

/**
 * The reasons a DatabaseMigration's Ready condition can carry. Transient ones are retried with
 * capped exponential backoff; the others stall the resource until a person changes something.
 */
public enum Reason {
  Applied(false, "the database is at the target version"),
  Migrating(true, "migrations are running, or waiting for another migration of the same database"),
  // Reconciling stays True while a plan waits: the work is not done, and kstatus (Flux) must not
  // read the resource as Current.
  ApprovalPending(false, "a plan waits for the annotation schemagate.io/approve=<plan id>"),
  Suspended(false, "spec.suspend is true; nothing is done"),
  // Not a failure: the namespace's migration slots are all taken; woken when one frees.
  Queued(true, "waits for one of its namespace's migration slots (--max-running-per-namespace)"),
  LockWaitTimeout(
      true, "a statement waited too long for a lock another session holds; retried with backoff"),
  DatabaseUnreachable(true, "the database cannot be reached; retried until it can"),
  AuthenticationFailed(false, "the database refused the credentials; fix the Secret"),
  SecretNotFound(true, "a referenced Secret or key does not exist (yet)"),
  SourceNotFound(true, "a referenced ConfigMap does not exist (yet)"),
  AccessDenied(true, "the operator may not read a referenced Secret; the tenant must grant it"),
  Cancelled(true, "the run was cancelled on the server because the spec changed"),
  SourceInvalid(false, "the bundle breaks a rule; the message names the script"),
  InvalidSpec(false, "a field of the spec cannot be used; the message names it"),
  ChecksumMismatch(false, "an applied script was edited, removed or skipped"),
  MigrationFailed(false, "a script failed; the message names it, its line and the fix"),
  DowngradeNotAllowed(false, "the target is below the applied version and the policy forbids it"),
  TargetNotFound(false, "spec.target is not a version of the bundle"),
  StatementTimeout(false, "a statement ran longer than the statement timeout and was cancelled"),
  DeadlineExceeded(false, "the run took longer than its deadline and was cancelled on the server"),
  Refused(false, "schemagate refused a change that would lose data or history"),
  UnexpectedError(true, "an error schemagate does not know; retried, and worth reporting");

  private final boolean transientFailure;
  private final String meaning;

  Reason(boolean transientFailure, String meaning) {
    this.transientFailure = transientFailure;
    this.meaning = meaning;
  }

  /** Retried by itself, as opposed to waiting for a person. */
  public boolean isTransient() {
    return transientFailure;
  }

  public String meaning() {
    return meaning;
  }
}
