package io.schemagate.operator;

/**
 * The reasons a DatabaseMigration's Ready condition can carry. Each reason has one {@link State},
 * which fixes its Ready / Reconciling / Stalled triple: transient ones are retried with capped
 * exponential backoff; stalled ones wait until a person changes something.
 */
public enum Reason {
  Applied(State.READY, "the database is at the target version"),
  AheadOfBundle(
      State.READY,
      "the database is at a version above the bundle's head (an application rollback); its versions"
          + " are left as they are"),
  Migrating(
      State.PROGRESSING,
      "migrations are running, or waiting for another migration of the same database"),
  // Reconciling stays True while a plan waits: the work is not done, and kstatus (Flux) must not
  // read the resource as Current.
  ApprovalPending(State.WAITING, "a plan waits for the annotation schemagate.io/approve=<plan id>"),
  // Waits for the rollout, not a person: the pods that need the old schema go by themselves. No
  // condition is True, so GitOps tools do not hold back the very rollout that ends the wait.
  ContractStepHeld(
      State.AWAITING_ROLLOUT,
      "a contract step waits until no running pod requires a version below it; the scripts"
          + " before it are applied"),
  Suspended(State.IDLE, "spec.suspend is true; nothing is done"),
  // Not a failure: the namespace's migration slots are all taken; woken when one frees.
  Queued(
      State.PROGRESSING,
      "waits for one of its namespace's migration slots (--max-running-per-namespace)"),
  LockWaitTimeout(
      State.RETRYING,
      "a statement waited too long for a lock another session holds; retried with backoff"),
  DatabaseUnreachable(State.RETRYING, "the database cannot be reached; retried until it can"),
  AuthenticationFailed(State.STALLED, "the database refused the credentials; fix the Secret"),
  PermissionDenied(
      State.STALLED, "the database user lacks a privilege the migration needs; grant it"),
  SecretNotFound(State.RETRYING, "a referenced Secret or key does not exist (yet)"),
  SourceNotFound(State.RETRYING, "a referenced ConfigMap does not exist (yet)"),
  AccessDenied(
      State.RETRYING, "the operator may not read a referenced Secret; the tenant must grant it"),
  Cancelled(State.RETRYING, "the run was cancelled on the server because the spec changed"),
  SourceInvalid(State.STALLED, "the bundle breaks a rule; the message names the script"),
  InvalidSpec(State.STALLED, "a field of the spec cannot be used; the message names it"),
  ChecksumMismatch(State.STALLED, "an applied script was edited, removed or skipped"),
  MigrationFailed(State.STALLED, "a script failed; the message names it, its line and the fix"),
  DowngradeNotAllowed(
      State.STALLED, "the target is below the applied version and the policy forbids it"),
  TargetNotFound(State.STALLED, "spec.target is not a version of the bundle"),
  StatementTimeout(
      State.STALLED, "a statement ran longer than the statement timeout and was cancelled"),
  DeadlineExceeded(
      State.STALLED, "the run took longer than its deadline and was cancelled on the server"),
  Refused(State.STALLED, "schemagate refused a change that would lose data or history"),
  HistoryTooLarge(
      State.STALLED,
      "the history table holds more rows or text than the operator reads, or columns Flyway does"
          + " not write"),
  LintRefused(
      State.STALLED,
      "the plan has lint findings at spec.policy.lint.severity or above, and the action is"
          + " Refuse"),
  // A fleet's reasons: the rollout as a whole, each target's own reason is in status.fleet.
  RollingOut(
      State.PROGRESSING,
      "a fleet's waves are under way; status.fleet counts the targets by state and names those in"
          + " flight"),
  WavePaused(
      State.PROGRESSING,
      "a fleet's wave is Ready and the next starts when spec.rollout.pauseBetweenWaves has passed"),
  WaveApprovalPending(
      State.WAITING,
      "a fleet's next wave waits for the annotation schemagate.io/approve-wave=<wave number>"),
  Halted(
      State.STALLED,
      "more fleet targets failed than spec.rollout.failureBudget allows: no new target starts"
          + " until schemagate.io/resume is set to a new value"),
  UnexpectedError(
      State.RETRYING, "an error schemagate does not know; retried, and worth reporting");

  /** Where a reason leaves the resource, and so its three conditions. */
  public enum State {
    /** At the target: Ready. */
    READY(true, false, false),
    /** Work under way that finishes by itself: Reconciling. */
    PROGRESSING(false, true, false),
    /** Work that waits for a person's approval: Reconciling, as the work is not done. */
    WAITING(false, true, false),
    /** Switched off by the spec: no condition is True. */
    IDLE(false, false, false),
    /**
     * Done for now: what remains waits for the application's rollout to retire older pods. No
     * condition is True, so kstatus reads it as Current and a sync wave or dependency that waits
     * for this resource lets the rollout go on.
     */
    AWAITING_ROLLOUT(false, false, false),
    /** A failure retried with backoff: Reconciling. */
    RETRYING(false, true, false),
    /** A failure that waits for a person: Stalled. */
    STALLED(false, false, true);

    private final boolean ready;
    private final boolean reconciling;
    private final boolean stalled;

    State(boolean ready, boolean reconciling, boolean stalled) {
      this.ready = ready;
      this.reconciling = reconciling;
      this.stalled = stalled;
    }

    public boolean ready() {
      return ready;
    }

    public boolean reconciling() {
      return reconciling;
    }

    public boolean stalled() {
      return stalled;
    }
  }

  private final State state;
  private final String meaning;

  Reason(State state, String meaning) {
    this.state = state;
    this.meaning = meaning;
  }

  /** Its Ready / Reconciling / Stalled triple. */
  public State state() {
    return state;
  }

  /** Retried by itself, as opposed to waiting for a person. */
  public boolean isTransient() {
    return state == State.PROGRESSING || state == State.RETRYING;
  }

  public String meaning() {
    return meaning;
  }
}
