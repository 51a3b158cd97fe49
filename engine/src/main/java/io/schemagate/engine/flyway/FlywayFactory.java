package io.schemagate.engine.flyway;

import io.schemagate.engine.EngineSettings;
import io.schemagate.engine.ScriptSet;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Builds the Flyway instances of one engine: scripts from memory, no class-path scanning, no Java
 * migrations, clean off unless an operation turns it on, and the engine's settings.
 */
public final class FlywayFactory {
  private final DataSource dataSource;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private Flyway plain;

  public FlywayFactory(DataSource dataSource, ScriptSet scripts, EngineSettings settings) {
    this.dataSource = dataSource;
    this.scripts = scripts;
    this.settings = settings;
  }

  /**
   * The instance without extra settings, built once: building one copies the whole configuration
   * and its plugins, a large part of a short reconcile's CPU.
   */
  public synchronized Flyway plain() {
    if (plain == null) {
      plain = with(c -> {});
    }
    return plain;
  }

  /** A new instance with {@code extra} settings on top of the engine's. */
  public Flyway with(Consumer<FluentConfiguration> extra) {
    FluentConfiguration config =
        Flyway.configure(FlywayFactory.class.getClassLoader()).dataSource(dataSource);
    java.util.Map<String, String> properties = FlywaySettings.properties(settings.flyway());
    if (!properties.isEmpty()) {
      // First: Flyway's configuration(Map) resets what it does not name.
      config.configuration(properties);
    }
    config
        .dataSource(dataSource)
        .resourceProvider(new BundleResourceProvider(scripts))
        .javaMigrationClassProvider(new NoJavaMigrations())
        .loggers("slf4j")
        .table(settings.table())
        .outOfOrder(settings.outOfOrder())
        .baselineOnMigrate(settings.baselineOnMigrate())
        .baselineVersion(settings.baselineVersion())
        .placeholders(settings.placeholders())
        .mixed(settings.mixed())
        .group(settings.group())
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .connectRetries(0);
    if (!settings.schemas().isEmpty()) {
      config.schemas(settings.schemas().toArray(String[]::new));
    }
    FlywaySettings.apply(settings.flyway(), config);
    FlywaySettings.plugins(settings.flyway(), config);
    extra.accept(config);
    return config.load();
  }

  /** No Java migrations: the bundle is SQL only, and Flyway must not scan the class path. */
  private static final class NoJavaMigrations implements ClassProvider<JavaMigration> {
    @Override
    public Collection<Class<? extends JavaMigration>> getClasses() {
      return List.of();
    }
  }
}
