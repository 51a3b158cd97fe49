package io.schemagate.engine.api;

import io.schemagate.db.SessionLimits;
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
 * @param limits statement, lock-wait and run time limits of every session (none by default)
 * @param history the largest history table the engine reads
 * @param vocabulary how the adapter names the target and the remedies in messages
 * @param flyway every Flyway setting as given (naming, placeholders' syntax, ignore patterns, ...);
 *     the typed fields above are read from it by {@link Builder#flyway}
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
    boolean allowClean,
    SessionLimits limits,
    HistoryLimits history,
    Vocabulary vocabulary,
    FlywayOptions flyway) {
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$]{0,62}$");

  public static final String DEFAULT_TABLE = "flyway_schema_history";

  /** How long to wait for another migration of the same history, as the command line writes it. */
  public static final String DEFAULT_LOCK_TIMEOUT = "60s";

  public EngineSettings {
    schemas = List.copyOf(schemas);
    placeholders = Map.copyOf(placeholders);
    for (String schema : schemas) {
      checkIdentifier("schema", schema);
    }
    checkIdentifier("table", table);
    java.util.Objects.requireNonNull(limits, "limits");
    java.util.Objects.requireNonNull(history, "history");
    java.util.Objects.requireNonNull(vocabulary, "vocabulary");
    java.util.Objects.requireNonNull(flyway, "flyway");
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative");
    }
  }

  /** Defaults: the connection's schema, Flyway's table, a one-minute lock wait. */
  public static EngineSettings defaults() {
    return new Builder().build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public EngineSettings withOutOfOrder(boolean value) {
    return toBuilder().outOfOrder(value).build();
  }

  public EngineSettings withPlaceholders(Map<String, String> value) {
    return toBuilder().placeholders(value).build();
  }

  public EngineSettings withAllowClean(boolean value) {
    return toBuilder().allowClean(value).build();
  }

  /** Builds settings field by field; unset fields keep their defaults. */
  public static final class Builder {
    private List<String> schemas = List.of();
    private String table = DEFAULT_TABLE;
    private Duration lockTimeout = Durations.parse(DEFAULT_LOCK_TIMEOUT).orElseThrow();
    private boolean outOfOrder;
    private boolean baselineOnMigrate;
    private String baselineVersion = "1";
    private Map<String, String> placeholders = Map.of();
    private boolean mixed;
    private boolean group;
    private boolean allowClean;
    private SessionLimits limits = SessionLimits.NONE;
    private HistoryLimits history = HistoryLimits.DEFAULT;
    private Vocabulary vocabulary = Vocabulary.COMMAND_LINE;
    private FlywayOptions flyway = FlywayOptions.none();

    public Builder() {}

    private Builder(EngineSettings from) {
      schemas = from.schemas;
      table = from.table;
      lockTimeout = from.lockTimeout;
      outOfOrder = from.outOfOrder;
      baselineOnMigrate = from.baselineOnMigrate;
      baselineVersion = from.baselineVersion;
      placeholders = from.placeholders;
      mixed = from.mixed;
      group = from.group;
      allowClean = from.allowClean;
      limits = from.limits;
      history = from.history;
      vocabulary = from.vocabulary;
      flyway = from.flyway;
    }

    public Builder schemas(List<String> value) {
      schemas = value;
      return this;
    }

    public Builder table(String value) {
      table = value;
      return this;
    }

    public Builder lockTimeout(Duration value) {
      lockTimeout = value;
      return this;
    }

    public Builder outOfOrder(boolean value) {
      outOfOrder = value;
      return this;
    }

    public Builder baseline(boolean onMigrate, String version) {
      baselineOnMigrate = onMigrate;
      baselineVersion = version;
      return this;
    }

    public Builder placeholders(Map<String, String> value) {
      placeholders = value;
      return this;
    }

    public Builder mixed(boolean value) {
      mixed = value;
      return this;
    }

    public Builder group(boolean value) {
      group = value;
      return this;
    }

    public Builder allowClean(boolean value) {
      allowClean = value;
      return this;
    }

    public Builder limits(SessionLimits value) {
      limits = value;
      return this;
    }

    public Builder history(HistoryLimits value) {
      history = value;
      return this;
    }

    public Builder vocabulary(Vocabulary value) {
      vocabulary = value;
      return this;
    }

    /**
     * Takes the Flyway settings, usually a bundle's {@link Bundle#options()} (its own file with the
     * user's settings on top): the ones with a field here set it, the rest reach Flyway unchanged.
     * {@code defaultSchema} becomes the first schema, which holds the history table, as in Flyway.
     */
    public Builder flyway(FlywayOptions value) {
      flyway = value;
      value.text("table").ifPresent(v -> table = v);
      value.list("schemas").ifPresent(v -> schemas = v);
      value
          .text("defaultSchema")
          .ifPresent(
              first -> {
                List<String> all = new java.util.ArrayList<>(List.of(first));
                schemas.stream().filter(s -> !s.equals(first)).forEach(all::add);
                schemas = all;
              });
      value.bool("outOfOrder").ifPresent(v -> outOfOrder = v);
      value.bool("baselineOnMigrate").ifPresent(v -> baselineOnMigrate = v);
      value.text("baselineVersion").ifPresent(v -> baselineVersion = v);
      value.bool("mixed").ifPresent(v -> mixed = v);
      value.bool("group").ifPresent(v -> group = v);
      if (!value.placeholders().isEmpty()) {
        Map<String, String> all = new java.util.LinkedHashMap<>(placeholders);
        all.putAll(value.placeholders());
        placeholders = all;
      }
      return this;
    }

    public EngineSettings build() {
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
          allowClean,
          limits,
          history,
          vocabulary,
          flyway);
    }
  }

  /** Whether upgrade and downgrade refuse a history with drift (Flyway's validateOnMigrate). */
  public boolean validateOnMigrate() {
    return flyway.bool("validateOnMigrate").orElse(true);
  }

  /** What the migration lock covers: one history table. */
  public String lockScope() {
    return (schemas.isEmpty() ? "(default schema)" : schemas.get(0)) + "." + table;
  }

  /**
   * Schema and table names end up in SQL; only plain identifiers are accepted, so a setting can
   * never carry SQL of its own.
   */
  public static void checkIdentifier(String what, String name) {
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
