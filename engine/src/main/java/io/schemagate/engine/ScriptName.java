package io.schemagate.engine;

/**
 * The parts of a Flyway script name: {@code V1_2__add_users.sql} is versioned, version 1.2,
 * description "add users".
 *
 * @param version dotted version, {@code null} for repeatable scripts and callbacks
 */
public record ScriptName(ScriptType type, String version, String description) {
  /**
   * Parses a file name with Flyway's default naming.
   *
   * @throws IllegalArgumentException with the reason, for a name that is not a migration
   */
  public static ScriptName parse(String fileName) {
    return Naming.DEFAULT
        .parse(fileName)
        .orElseThrow(
            () -> new IllegalArgumentException(fileName + " does not end with a script suffix"));
  }
}
