package io.schemagate.engine.flyway;

import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.Naming;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

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

  /**
   * The settings that only Flyway's properties form reaches ({@code batch}, {@code stream}); most
   * bundles have none, and reading properties costs as much again as building the instance.
   */
  static Map<String, String> properties(FlywayOptions options) {
    Map<String, String> properties = new LinkedHashMap<>();
    options.bool("batch").ifPresent(v -> properties.put("flyway.batch", v.toString()));
    options.bool("stream").ifPresent(v -> properties.put("flyway.stream", v.toString()));
    return properties;
  }

  /** The settings of Flyway's plugins, set on the plugins themselves. */
  static void plugins(FlywayOptions options, FluentConfiguration config) {
    config
        .getPluginRegister()
        .getExact(BaselineMigrationConfigurationExtension.class)
        .setBaselineMigrationPrefix(options.naming().baselinePrefix());
    if (POSTGRESQL_PLUGIN) {
      PostgresqlLock.outsideTransactions(config);
    }
  }

  /** Apart, so that the class is loaded only when Flyway's PostgreSQL plugin is there. */
  private static final class PostgresqlLock {
    static void outsideTransactions(FluentConfiguration config) {
      config
          .getPluginRegister()
          .getExact(PostgreSQLConfigurationExtension.class)
          .setTransactionalLock(false);
    }
  }
}
