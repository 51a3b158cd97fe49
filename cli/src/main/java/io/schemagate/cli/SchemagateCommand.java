package io.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLimits;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.HistoryLimits;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.StatusReport;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code schemagate} command: options shared by every subcommand, and what they open. */
@Command(
    name = "schemagate",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Database schema migrations with Flyway: the same engine as the operator.",
    subcommands = {
      StatusCommand.class,
      HistoryCommand.class,
      CurrentCommand.class,
      ShowCommand.class,
      UpgradeCommand.class,
      DowngradeCommand.class,
      CreateCommand.class,
      CheckCommand.class,
      LintCommand.class,
      PlanCommand.class,
      AutoUpgradeCommand.class,
      ResetCommand.class,
      StampCommand.class,
      BaselineCommand.class,
      RepairCommand.class,
      ValidateCommand.class,
      HeadsCommand.class,
      UndoCommand.class,
      CleanCommand.class,
      BranchesCommand.class,
      MergeCommand.class,
      OperatorCommand.class,
      WaitCommand.class,
      FleetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SchemagateCommand {
  @Option(
      names = {"-d", "--database-url"},
      scope = ScopeType.INHERIT,
      defaultValue = "sqlite:///output/lets_talk.db",
      description =
          "Database URL: postgresql://, mysql://, mariadb://, sqlite:///file.db, h2:mem:name or"
              + " jdbc:... (env DATABASE_URL; default ${DEFAULT-VALUE}).")
  String databaseUrl;

  @Option(
      names = "--user",
      scope = ScopeType.INHERIT,
      description = "Database user, when not in the URL (env DATABASE_USER).")
  String user;

  @Option(
      names = "--password",
      scope = ScopeType.INHERIT,
      description =
          "Database password, when not in the URL (env DATABASE_PASSWORD, which is safer: a"
              + " command line is visible to other users of the machine).")
  String password;

  @Option(
      names = "--migrations-dir",
      scope = ScopeType.INHERIT,
      defaultValue = "migrations",
      description = "Folder of migration scripts (env MIGRATIONS_DIR; default ${DEFAULT-VALUE}).")
  Path migrationsDir;

  @Option(
      names = "--schema",
      scope = ScopeType.INHERIT,
      split = ",",
      description =
          "Schemas to manage; the first holds the history table (env DATABASE_SCHEMAS,"
              + " comma-separated; default: the connection's schema).")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--table",
      scope = ScopeType.INHERIT,
      description =
          "Schema history table (env SCHEMAGATE_TABLE or FLYWAY_TABLE, or flyway.table in the"
              + " folder's flyway.conf; default "
              + EngineSettings.DEFAULT_TABLE
              + ").")
  String table;

  @Option(
      names = "--lock-timeout",
      scope = ScopeType.INHERIT,
      defaultValue = EngineSettings.DEFAULT_LOCK_TIMEOUT,
      converter = DurationConverter.class,
      description =
          "How long to wait for another migration of the same database to finish, and for a"
              + " SQLite file another program writes (env SCHEMAGATE_LOCK_TIMEOUT; default"
              + " ${DEFAULT-VALUE}).")
  Duration lockTimeout;

  @Option(
      names = "--connect-timeout",
      scope = ScopeType.INHERIT,
      defaultValue = ConnectionSettings.DEFAULT_CONNECT_TIMEOUT,
      converter = DurationConverter.class,
      description =
          "How long to wait for the database to accept a connection"
              + " (env SCHEMAGATE_CONNECT_TIMEOUT; default ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--out-of-order",
      scope = ScopeType.INHERIT,
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Apply versions lower than the applied one that arrived later, e.g. from a merged"
              + " branch (env SCHEMAGATE_OUT_OF_ORDER or FLYWAY_OUT_OF_ORDER; default false).")
  Boolean outOfOrder;

  @Option(
      names = "--executor",
      scope = ScopeType.INHERIT,
      paramLabel = "schemagate|flyway",
      description =
          "Who runs the scripts: schemagate (the default; one lock and one history read per run)"
              + " or flyway (Flyway's own migrate, the fallback for one release) (env"
              + " SCHEMAGATE_EXECUTOR).")
  String executor;

  @Option(
      names = "--placeholder",
      scope = ScopeType.INHERIT,
      description = "Flyway placeholder NAME=VALUE, replacing $${NAME} in scripts; repeatable.")
  Map<String, String> placeholders = new LinkedHashMap<>();

  @Option(
      names = "--flyway",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description =
          "A Flyway setting by Flyway's name, e.g. ignoreMigrationPatterns=*:missing or"
              + " baselineOnMigrate=true; repeatable. Overrides FLYWAY_* variables, which override"
              + " the migrations folder's flyway.conf or flyway.toml.")
  Map<String, String> flyway = new LinkedHashMap<>();

  /** The time, bundle and history limits. */
  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      defaultValue = "table",
      description = "Output of read commands: table or json (env SCHEMAGATE_OUTPUT).")
  OutputFormat output;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces and the log of Flyway and the connection pool.")
  boolean debug;

  PrintStream out;
  PrintStream err;
  BufferedReader in;

  /** Whether a person is at a terminal, so questions are asked with their context. */
  boolean interactive;

  Map<String, String> environment;
  Redactor redactor = Redactor.none();
  private Bundle bundle;

  /** Output formats. */
  enum OutputFormat {
    table,
    json
  }

  DatabaseUrl url() {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl).withCredentials(user, password);
    redactor = redactor.and(url.secrets());
    // Drivers and the pool log what they were given at debug level; the log encoder masks it.
    KnownSecrets.set("cli", redactor);
    return url;
  }

  SessionLimits limits() {
    return limitOptions.limits();
  }

  BundleLimits bundleLimits() {
    return limitOptions.bundleLimits();
  }

  HistoryLimits historyLimits() {
    return limitOptions.historyLimits();
  }

  /**
   * The Flyway settings given here, weakest first: {@code FLYWAY_*} variables, then this command's
   * options. The migrations folder's own file is weaker still ({@link #bundle()}).
   */
  FlywayOptions flywayOverrides() {
    FlywayOptions options =
        FlywayOptions.fromEnvironment(environment)
            .with("table", table, "--table")
            .with("schemas", schemas.isEmpty() ? null : schemas, "--schema")
            .with("outOfOrder", outOfOrder, "--out-of-order")
            .with("executor", executor, "--executor");
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      options =
          options.with(
              "placeholders." + placeholder.getKey(), placeholder.getValue(), "--placeholder");
    }
    for (Map.Entry<String, String> setting : flyway.entrySet()) {
      options = options.with(setting.getKey(), setting.getValue(), "--flyway " + setting.getKey());
    }
    return options;
  }

  /** The migrations folder, with its own Flyway settings and the ones given here on top. */
  Bundle bundle() {
    if (bundle == null) {
      bundle = BundleLoader.fromDirectory(migrationsDir, flywayOverrides(), bundleLimits());
    }
    return bundle;
  }

  EngineSettings settings() {
    return settings(bundle());
  }

  /** The engine settings for {@code bundle}, whose options carry every Flyway setting. */
  EngineSettings settings(Bundle bundle) {
    return new EngineSettings.Builder()
        .flyway(bundle.options())
        .lockTimeout(lockTimeout)
        .limits(limits())
        .history(historyLimits())
        .build();
  }

  MigrationEngine open() {
    return open(settings());
  }

  MigrationEngine open(EngineSettings settings) {
    return open(url(), bundle(), settings);
  }

  MigrationEngine open(DatabaseUrl url, Bundle bundle, EngineSettings settings) {
    return MigrationEngine.open(url, bundle, settings, new ConnectionSettings(connectTimeout, 4));
  }

  /**
   * Opens the engine for commands that only read: a SQLite file that does not exist yet reads as an
   * empty database instead of being created, so a read from the wrong folder leaves no file.
   */
  MigrationEngine openForReading() {
    return open(readUrl(), bundle(), settings());
  }

  DatabaseUrl readUrl() {
    DatabaseUrl url = url();
    return url.isMissingSqliteFile() ? url.emptyStandIn() : url;
  }

  /** Opens the engine, reads the plan to head (where it stands, and any refusal), closes it. */
  MigrationPlan plan() {
    try (MigrationEngine engine = openForReading()) {
      return engine.plan("head");
    }
  }

  /** Opens the engine, reads where the database stands, and closes it again. */
  StatusReport status() {
    try (MigrationEngine engine = openForReading()) {
      return engine.inspect().status();
    }
  }

  boolean json() {
    return output == OutputFormat.json;
  }

  void printJson(Object value) {
    try {
      ObjectMapper mapper =
          new ObjectMapper()
              .registerModule(new JavaTimeModule())
              // A file as the path the user would type, not Jackson's file:// URI.
              .registerModule(
                  new com.fasterxml.jackson.databind.module.SimpleModule()
                      .addSerializer(
                          Path.class,
                          com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .enable(SerializationFeature.INDENT_OUTPUT);
      out.println(redactor.redact(mapper.writeValueAsString(value)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON output", e);
    }
  }

  void println(String line) {
    out.println(redactor.redact(line));
  }
}
