package io.schemagate.engine.api;

/**
 * An engine failure with a message meant for people: it names the script or setting at fault and
 * the fix, and never holds a password.
 */
public class EngineException extends RuntimeException {
  private final FailureKind kind;
  private final String script;
  private final int line;

  public EngineException(FailureKind kind, String message) {
    this(kind, message, null, 0, null);
  }

  public EngineException(FailureKind kind, String message, Throwable cause) {
    this(kind, message, null, 0, cause);
  }

  public EngineException(
      FailureKind kind, String message, String script, int line, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.script = script;
    this.line = line;
  }

  public FailureKind kind() {
    return kind;
  }

  /** The script at fault, or {@code null}. */
  public String script() {
    return script;
  }

  /** The line in {@link #script()} at fault, or 0 when unknown. */
  public int line() {
    return line;
  }
}
