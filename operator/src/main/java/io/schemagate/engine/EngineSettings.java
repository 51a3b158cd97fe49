package io.schemagate.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the engine drives Flyway for one target.
 *
 * @param schemas schemas Flyway manages; the first holds the history table (empty: the connection's
 *     default schema)
 * @param table the schema history table
 * @param lockTimeout how long to wait for another migration of the same history to finish
 * @param outOfOrder apply a version lower than the applied one that arrived later
 * @param baselineOnMigrate baseline a non-empty schema without history on the first upgrade
 * @param baselineVersion the version that baseline marks as applied
 * @param placeholders Flyway placeholders, {@code ${name}} in scripts
 * @param mixed allow transactional and non-transactional statements in one script
 * @param group apply all pending migrations in one transaction where the database allows
 * @param allowClean allow {@code clean}, which drops every object in the schemas
 */
public record EngineSettings(
    List<String> schemas,
    String table,
    Duration lockTimeout,
    boolean outOfOrder,
    boolean baselineOnMigrate,
    String baselineVersion,
    Map<String, String> placeholders,
    boolean mixed,
    boolean group,
    boolean allowClean) {
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$]{0,62}$");

  public static final String DEFAULT_TABLE = "flyway_schema_history";

  public EngineSettings {
    schemas = List.copyOf(schemas);
    placeholders = Map.copyOf(placeholders);
    for (String schema : schemas) {
      checkIdentifier("schema", schema);
    }
    checkIdentifier("table", table);
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative");
    }
  }

  /** Defaults: the connection's schema, Flyway's table, a one-minute lock wait. */
  public static EngineSettings defaults() {
    return new EngineSettings(
        List.of(),
        DEFAULT_TABLE,
        Duration.ofSeconds(60),
        false,
        false,
        "1",
        Map.of(),
        false,
        false,
        false);
  }

  public EngineSettings withSchemas(List<String> value) {
    return new EngineSettings(
        value,
        table,
        lockTimeout,
        outOfOrder,
        baselineOnMigrate,
        baselineVersion,
        placeholders,
        mixed,
        group,
        allowClean);
  }

  public EngineSettings withTable(String value) {
    return new EngineSettings(
        schemas,
        value,
        lockTimeout,
        outOfOrder,
        baselineOnMigrate,
        baselineVersion,
        placeholders,
        mixed,
        group,
        allowClean);
  }

  public EngineSettings withLockTimeout(Duration value) {
    return new EngineSettings(
        schemas,
        table,
        value,
        outOfOrder,
        baselineOnMigrate,
        baselineVersion,
        placeholders,
        mixed,
        group,
        allowClean);
  }

  public EngineSettings withOutOfOrder(boolean value) {
    return new EngineSettings(
        schemas,
        table,
        lockTimeout,
        value,
        baselineOnMigrate,
        baselineVersion,
        placeholders,
        mixed,
        group,
        allowClean);
  }

  public EngineSettings withPlaceholders(Map<String, String> value) {
    return new EngineSettings(
        schemas,
        table,
        lockTimeout,
        outOfOrder,
        baselineOnMigrate,
        baselineVersion,
        value,
        mixed,
        group,
        allowClean);
  }

  public EngineSettings withAllowClean(boolean value) {
    return new EngineSettings(
        schemas,
        table,
        lockTimeout,
        outOfOrder,
        baselineOnMigrate,
        baselineVersion,
        placeholders,
        mixed,
        group,
        value);
  }

  public EngineSettings withBaseline(boolean onMigrate, String version) {
    return new EngineSettings(
        schemas,
        table,
        lockTimeout,
        outOfOrder,
        onMigrate,
        version,
        placeholders,
        mixed,
        group,
        allowClean);
  }

  /** What the migration lock covers: one history table. */
  public String lockScope() {
    return (schemas.isEmpty() ? "(default schema)" : schemas.get(0)) + "." + table;
  }

  /**
   * Schema and table names end up in SQL; only plain identifiers are accepted, so a setting can
   * never carry SQL of its own.
   */
  static void checkIdentifier(String what, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " name '"
              + name
              + "' is not allowed: use letters, digits, '_' and '$', starting with a letter or"
              + " '_', at most 63 characters");
    }
  }
}
