package io.schemagate.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes option defaults from environment variables ({@code DATABASE_URL}, {@code MIGRATIONS_DIR},
 * ...), as a twelve-factor app and the seed's {@code migrate.sh} do. Reads a given map, not {@code
 * System.getenv()}, so tests can run the CLI in-process.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  /** Option name to environment variable. */
  static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("--database-url", "DATABASE_URL"),
          Map.entry("--user", "DATABASE_USER"),
          Map.entry("--password", "DATABASE_PASSWORD"),
          Map.entry("--migrations-dir", "MIGRATIONS_DIR"),
          Map.entry("--schema", "DATABASE_SCHEMAS"),
          Map.entry("--table", "SCHEMAGATE_TABLE"),
          Map.entry("--lock-timeout", "SCHEMAGATE_LOCK_TIMEOUT"),
          Map.entry("--connect-timeout", "SCHEMAGATE_CONNECT_TIMEOUT"),
          Map.entry("--statement-timeout", "SCHEMAGATE_STATEMENT_TIMEOUT"),
          Map.entry("--lock-wait-timeout", "SCHEMAGATE_LOCK_WAIT_TIMEOUT"),
          Map.entry("--deadline", "SCHEMAGATE_DEADLINE"),
          Map.entry("--allow-local-databases", "SCHEMAGATE_ALLOW_LOCAL_DATABASES"),
          Map.entry("--out-of-order", "SCHEMAGATE_OUT_OF_ORDER"),
          Map.entry("--executor", "SCHEMAGATE_EXECUTOR"),
          Map.entry("--output", "SCHEMAGATE_OUTPUT"),
          Map.entry("--namespaces", "WATCH_NAMESPACES"),
          Map.entry("--leader-election", "LEADER_ELECTION"),
          Map.entry("--lease-namespace", "POD_NAMESPACE"),
          Map.entry("--log-format", "LOG_FORMAT"),
          Map.entry("--log-level", "LOG_LEVEL"),
          Map.entry("--gate", "SCHEMAGATE_GATE"));

  /** Flyway's own variables, read where schemagate's are not set. */
  static final Map<String, String> FLYWAY_VARIABLES =
      Map.of(
          "--database-url", "FLYWAY_URL",
          "--user", "FLYWAY_USER",
          "--password", "FLYWAY_PASSWORD",
          "--migrations-dir", "FLYWAY_LOCATIONS");

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * A Flyway location as a folder: {@code filesystem:sql} is {@code sql}. Several locations, or a
   * class-path location, cannot be one folder, and are refused.
   */
  static String location(String locations) {
    String value = locations.strip();
    if (value.contains(",") || value.startsWith("classpath:")) {
      throw new picocli.CommandLine.PicocliException(
          "FLYWAY_LOCATIONS='"
              + value
              + "': schemagate reads one migrations folder; set MIGRATIONS_DIR (or"
              + " --migrations-dir) to it");
    }
    return value.startsWith("filesystem:") ? value.substring("filesystem:".length()) : value;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option) {
      String variable = VARIABLES.get(option.longestName());
      if (variable != null) {
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
      String flyway = FLYWAY_VARIABLES.get(option.longestName());
      String value = flyway == null ? null : environment.get(flyway);
      if (value != null && !value.isBlank()) {
        return flyway.equals("FLYWAY_LOCATIONS") ? location(value) : value;
      }
    }
    return argSpec.defaultValue();
  }
}
