package io.schemagate.db;

/** A database URL that cannot be used; the message never contains the password. */
public class InvalidDatabaseUrlException extends IllegalArgumentException {
  public InvalidDatabaseUrlException(String message) {
    super(message);
  }
}
