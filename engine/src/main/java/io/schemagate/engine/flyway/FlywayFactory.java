package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.db.RunningSessions;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.ScriptSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Builds the Flyway instances of one engine: scripts from memory, no class-path scanning, no Java
 * migrations, clean off unless an operation turns it on, and the engine's settings. Every instance
 * handed out for a command that reads the history comes after the table was measured ({@link
 * HistoryBounds}), since Flyway reads it whole.
 */
public final class FlywayFactory {
  private final DatabaseKind kind;
  private final GuardedDataSource dataSource;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private Flyway plain;
  private volatile RunningSessions measuredIn;

  public FlywayFactory(
      DatabaseKind kind, GuardedDataSource dataSource, ScriptSet scripts, EngineSettings settings) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.scripts = scripts;
    this.settings = settings;
  }

  /**
   * The instance without extra settings, built once: building one copies the whole configuration
   * and its plugins, a large part of a short reconcile's CPU. The history is measured on each call.
   */
  public synchronized Flyway plain() {
    measureHistory();
    if (plain == null) {
      plain = unmeasured(c -> {});
    }
    return plain;
  }

  /** A new instance with {@code extra} settings on top of the engine's, the history measured. */
  public Flyway with(Consumer<FluentConfiguration> extra) {
    measureHistory();
    return unmeasured(extra);
  }

  /**
   * A new instance for a command that does not read the history rows ({@code clean}, which drops
   * them): a table too large to read must still be removable.
   */
  public Flyway unmeasured(Consumer<FluentConfiguration> extra) {
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

  /**
   * Refuses a history table Flyway should not read whole.
   *
   * @throws io.schemagate.engine.api.EngineException {@code HISTORY_TOO_LARGE}
   */
  private void measureHistory() {
    // Once per read or run: the operations of one run (a stamp reads the history, then moves it)
    // see the table the run's own changes leave.
    RunningSessions run = dataSource.current();
    if (run != null && run == measuredIn) {
      return;
    }
    String schema = settings.schemas().isEmpty() ? null : settings.schemas().get(0);
    String where = schema == null ? settings.table() : schema + "." + settings.table();
    try (Connection connection = dataSource.getConnection()) {
      HistoryBounds.check(
          kind, schema, settings.table(), where, connection, settings.limits(), settings.history());
      measuredIn = run;
    } catch (SQLException e) {
      // Measuring failed on a table that exists: not read blind. Classified by the caller.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** No Java migrations: the bundle is SQL only, and Flyway must not scan the class path. */
  private static final class NoJavaMigrations implements ClassProvider<JavaMigration> {
    @Override
    public Collection<Class<? extends JavaMigration>> getClasses() {
      return List.of();
    }
  }
}
