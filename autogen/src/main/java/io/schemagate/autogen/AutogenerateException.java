package io.schemagate.autogen;

/** A one-line reason {@code create --autogenerate} cannot go on, naming what to fix. */
public final class AutogenerateException extends RuntimeException {
  public AutogenerateException(String message) {
    super(message);
  }

  public AutogenerateException(String message, Throwable cause) {
    super(message, cause);
  }
}
