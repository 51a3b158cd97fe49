package io.schemagate.embed;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleException;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.ScriptWriter;
import io.schemagate.engine.api.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine for a Java application that migrates its own database on start:
 *
 * <pre>{@code
 * Schemagate migrations = Schemagate.create(System.getenv("DATABASE_URL"), Path.of("migrations"));
 * migrations.migrateOnStartup(true);
 * }</pre>
 *
 * Each call opens a short-lived pool and closes it again, so nothing is held between calls.
 */
public final class Schemagate {
  private final DatabaseUrl url;
  private final Path migrationsDir;
  private final EngineSettings settings;
  private final ConnectionSettings connection;
  private final Clock clock;

  private Schemagate(
      DatabaseUrl url,
      Path migrationsDir,
      EngineSettings settings,
      ConnectionSettings connection,
      Clock clock) {
    this.url = url;
    this.migrationsDir = migrationsDir;
    this.settings = settings;
    this.connection = connection;
    this.clock = clock;
  }

  /** For a database URL (with credentials in it, or none needed) and a folder of scripts. */
  public static Schemagate create(String databaseUrl, Path migrationsDir) {
    return new Schemagate(
        DatabaseUrl.parse(databaseUrl),
        migrationsDir,
        EngineSettings.defaults(),
        ConnectionSettings.DEFAULT,
        Clock.systemDefaultZone());
  }

  /** The same, with user and password kept out of the URL. */
  public Schemagate withCredentials(String user, String password) {
    return new Schemagate(
        url.withCredentials(user, password), migrationsDir, settings, connection, clock);
  }

  /**
   * The same, with other engine settings (schemas, table, lock timeout, ...). The folder's own
   * {@code flyway.conf} or {@code flyway.toml} applies on top of them; settings given with {@link
   * EngineSettings.Builder#flyway} apply on top of the file.
   */
  public Schemagate withSettings(EngineSettings engineSettings) {
    return new Schemagate(url, migrationsDir, engineSettings, connection, clock);
  }

  public StatusReport status() {
    try (MigrationEngine engine = open()) {
      return engine.inspect().status();
    }
  }

  public RunReport upgradeToHead() {
    try (MigrationEngine engine = open()) {
      return engine.upgrade(null, MigrationListener.NONE);
    }
  }

  /** Writes {@code V<next>__<description>.sql} and its undo script; returns the new migration. */
  public Path createMigration(String description) {
    Bundle existing = BundleLoader.fromDirectory(migrationsDir, settings.flyway());
    return new ScriptWriter(clock).create(migrationsDir, existing, description, false).migration();
  }

  /**
   * Upgrades to head when {@code autoMigrate} is true, as the seed's {@code
   * AUTO_MIGRATE_ON_STARTUP} does; returns what was applied, or empty when switched off.
   */
  public Optional<RunReport> migrateOnStartup(boolean autoMigrate) {
    return autoMigrate ? Optional.of(upgradeToHead()) : Optional.empty();
  }

  /**
   * The same, from the setting as the guide writes it ({@code AUTO_MIGRATE_ON_STARTUP}): unset
   * means yes; {@code true}/{@code True}/{@code 1} and {@code false}/{@code False}/{@code 0} (and
   * yes/no, on/off) are read without regard to case.
   *
   * @throws IllegalArgumentException for any other value, which is never read as yes or no
   */
  public Optional<RunReport> migrateOnStartup(String setting) {
    return migrateOnStartup(setting == null || enabled(setting));
  }

  /**
   * Whether a yes-or-no setting such as {@code AUTO_MIGRATE_ON_STARTUP} says yes.
   *
   * @throws IllegalArgumentException naming the value when it is neither yes nor no
   */
  public static boolean enabled(String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new IllegalArgumentException(
              "AUTO_MIGRATE_ON_STARTUP='"
                  + value
                  + "' is neither yes nor no: write true or false (or 1/0, yes/no, on/off)");
    };
  }

  /** Healthy when reachable, at head and consistent; never throws for database problems. */
  public DatabaseHealth checkDatabaseHealth() {
    try (MigrationEngine engine = open()) {
      MigrationPlan plan = engine.plan("head");
      StatusReport status = plan.status();
      String problem =
          plan.refusal()
              .map(Refusal::message)
              .orElse(
                  status.pending().isEmpty()
                      ? null
                      : status.pending().size() + " migrations pending");
      return new DatabaseHealth(
          problem == null, status.currentVersion(), status.pending(), problem);
    } catch (EngineException | BundleException e) {
      // A missing or broken migrations folder is a reason the schema is not ready, not a crash.
      return new DatabaseHealth(false, null, java.util.List.of(), e.getMessage());
    }
  }

  private MigrationEngine open() {
    Bundle bundle = BundleLoader.fromDirectory(migrationsDir, settings.flyway());
    EngineSettings effective = settings.toBuilder().flyway(bundle.options()).build();
    return MigrationEngine.open(url, bundle, effective, connection);
  }
}
