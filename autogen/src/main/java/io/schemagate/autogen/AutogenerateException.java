package io.schemagate.autogen;

/** A one-line reason {@code create --autogenerate} cannot go on, naming what to fix. */
public final class AutogenerateException extends RuntimeException {
  /** What went wrong, for the exit code. */
  public enum Cause {
    /** An option names something that is not there or cannot be read. */
    INPUT,
    /** The migrations folder or the wanted schema does not apply on a scratch database. */
    DOES_NOT_APPLY,
    /** No scratch database could be made. */
    SCRATCH
  }

  private final Cause cause;

  public AutogenerateException(Cause cause, String message) {
    super(message);
    this.cause = cause;
  }

  public AutogenerateException(Cause cause, String message, Throwable reason) {
    super(message, reason);
    this.cause = cause;
  }

  /** What went wrong. */
  public Cause reason() {
    return cause;
  }
}
