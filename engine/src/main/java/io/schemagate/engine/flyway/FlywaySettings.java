package io.schemagate.engine.flyway;

import io.schemagate.engine.FlywayOptions;
import io.schemagate.engine.Naming;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Hands the checked Flyway settings that have no engine field to Flyway's configuration, and sets
 * the one setting schemagate always overrides: Flyway's PostgreSQL lock is taken outside a
 * transaction, since an open transaction of schemagate's own would make {@code CREATE INDEX
 * CONCURRENTLY} wait for it for ever.
 */
final class FlywaySettings {
  /** Flyway refuses a plugin's setting when the plugin is absent (an embedding without it). */
  private static final boolean POSTGRESQL_PLUGIN =
      present("org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension");

  private FlywaySettings() {}

  private static boolean present(String className) {
    try {
      Class.forName(className, false, FlywaySettings.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static void apply(FlywayOptions options, FluentConfiguration config) {
    Naming naming = options.naming();
    config
        .sqlMigrationPrefix(naming.versionedPrefix())
        .repeatableSqlMigrationPrefix(naming.repeatablePrefix())
        .sqlMigrationSeparator(naming.separator())
        .sqlMigrationSuffixes(naming.suffixes().toArray(String[]::new))
        .encoding(naming.encoding());
    options.text("baselineDescription").ifPresent(config::baselineDescription);
    options.text("installedBy").ifPresent(config::installedBy);
    options.text("tablespace").ifPresent(config::tablespace);
    options.bool("createSchemas").ifPresent(config::createSchemas);
    options.bool("skipDefaultCallbacks").ifPresent(config::skipDefaultCallbacks);
    options.bool("executeInTransaction").ifPresent(config::executeInTransaction);
    options.bool("placeholderReplacement").ifPresent(config::placeholderReplacement);
    options.text("placeholderPrefix").ifPresent(config::placeholderPrefix);
    options.text("placeholderSuffix").ifPresent(config::placeholderSuffix);
    options.text("placeholderSeparator").ifPresent(config::placeholderSeparator);
    options.text("scriptPlaceholderPrefix").ifPresent(config::scriptPlaceholderPrefix);
    options.text("scriptPlaceholderSuffix").ifPresent(config::scriptPlaceholderSuffix);
    options
        .list("ignoreMigrationPatterns")
        .ifPresent(patterns -> config.ignoreMigrationPatterns(patterns.toArray(String[]::new)));
  }

  /** The settings of Flyway's plugins, which only its properties form reaches. */
  static Map<String, String> plugins(FlywayOptions options) {
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put("flyway.baselineMigrationPrefix", options.naming().baselinePrefix());
    if (POSTGRESQL_PLUGIN) {
      plugins.put("flyway.postgresql.transactional.lock", "false");
    }
    options.bool("batch").ifPresent(v -> plugins.put("flyway.batch", v.toString()));
    options.bool("stream").ifPresent(v -> plugins.put("flyway.stream", v.toString()));
    return plugins;
  }
}
