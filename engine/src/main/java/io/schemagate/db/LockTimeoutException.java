package io.schemagate.db;

/** Another migration held the target's lock for longer than the configured wait. */
public class LockTimeoutException extends RuntimeException {
  public LockTimeoutException(String message) {
    super(message);
  }
}
