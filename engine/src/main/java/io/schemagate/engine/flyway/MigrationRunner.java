package io.schemagate.engine.flyway;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.MigrationListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.FlywayExecutor;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.Context;
import org.flywaydb.core.api.output.CommandResultFactory;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.callback.CallbackExecutor;
import org.flywaydb.core.internal.command.DbBaseline;
import org.flywaydb.core.internal.command.DbSchemas;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.info.MigrationInfoServiceImpl;
import org.flywaydb.core.internal.jdbc.ExecutionTemplateFactory;
import org.flywaydb.core.internal.resolver.CompositeMigrationResolver;
import org.flywaydb.core.internal.schemahistory.SchemaHistory;
import org.flywaydb.core.internal.util.ValidatePatternUtils;

/**
 * schemagate's own executor of pending migrations. Flyway resolves the scripts, parses and runs
 * each one's statements (placeholders, delimiters, its transaction decision, SQL callbacks at every
 * event), creates the history table and takes its lock; schemagate does the bookkeeping around
 * them: one lock and one read of the history for the whole run instead of both per migration, the
 * next rank counted instead of queried, the session reset only after a script that may have changed
 * it, and each history row written on the script's own connection, in its transaction where the
 * database has transactional DDL. The rows carry Flyway's values column for column.
 */
public final class MigrationRunner {
  /** A statement that may leave the session changed for the next script (role, schema, path). */
  private static final Pattern SESSION_CHANGE =
      Pattern.compile(
          "(?im)^\\s*(SET|RESET|USE)\\s|search_path|set_config|\\bSET\\s+(ROLE|SCHEMA|SESSION)\\b");

  private final MigrationListener listener;
  private final Function<String, String> texts;
  private final List<AppliedMigration> applied = new ArrayList<>();

  /**
   * @param texts a script's text by its name (null when unknown), to tell which may change the
   *     session
   */
  public MigrationRunner(MigrationListener listener, Function<String, String> texts) {
    this.listener = listener;
    this.texts = texts;
  }

  /** The migrations this run applied, in order. */
  public List<AppliedMigration> applied() {
    return applied;
  }

  /**
   * Migrates as {@code flyway}'s migrate would, validation aside. {@code check} sees the history
   * read under the lock (on a database without a history table, the empty history before the table
   * is made) and throws to stop the run before anything is written.
   */
  public void run(Flyway flyway, Consumer<MigrationInfoService> check) {
    Configuration configuration = flyway.getConfiguration();
    new FlywayExecutor(configuration)
        .execute(
            (resolver, history, database, defaultSchema, schemas, callbacks, interceptor) -> {
              new Run(configuration, resolver, history, database, defaultSchema, callbacks)
                  .migrate(schemas, check);
              return null;
            },
            true,
            null);
  }

  /** One run: the state Flyway's DbMigrate keeps, for one lock instead of one per migration. */
  private final class Run {
    private final Configuration configuration;
    private final CompositeMigrationResolver resolver;
    private final SchemaHistory history;
    private final Database<?> database;
    private final Schema<?, ?> schema;
    private final CallbackExecutor<Event> callbacks;
    private final org.flywaydb.core.internal.database.base.Connection<?> user;
    private final Table<?, ?> table;
    private MigrateResult result;
    private boolean previousVersioned = true;
    private boolean sessionChanged = true;
    private int nextRank;

    Run(
        Configuration configuration,
        CompositeMigrationResolver resolver,
        SchemaHistory history,
        Database<?> database,
        Schema<?, ?> schema,
        CallbackExecutor<Event> callbacks) {
      this.configuration = configuration;
      this.resolver = resolver;
      this.history = history;
      this.database = database;
      this.schema = schema;
      this.callbacks = callbacks;
      this.user = database.getMigrationConnection();
      this.table = schema.getTable(configuration.getTable());
    }

    void migrate(Schema<?, ?>[] schemas, Consumer<MigrationInfoService> check) {
      boolean checked = false;
      if (!history.exists()) {
        // Nothing to read: the checks see the empty history before anything is created.
        check.accept(refreshed());
        checked = true;
      }
      prepare(schemas);
      boolean checkedBefore = checked;
      boolean done =
          history.lock(
              () -> {
                if (lockHoldsTransaction()) {
                  return false;
                }
                MigrationInfoServiceImpl info = refreshed();
                if (!checkedBefore) {
                  check.accept(info);
                }
                migrateAll(info, this::apply);
                return true;
              });
      if (!done) {
        // Flyway's lock is a transaction on the one connection the scripts use (SQLite): taken
        // per migration, as Flyway does, or one failure would roll back every script before it.
        MigrationInfoServiceImpl info = refreshed();
        if (!checkedBefore) {
          check.accept(info);
        }
        migrateAll(info, group -> history.lock(() -> apply(group)));
      }
      callbacks.onOperationFinishEvent(Event.AFTER_MIGRATE_OPERATION_FINISH, result);
    }

    /**
     * Whether the lock just taken is a transaction on the scripts' own connection. PostgreSQL's
     * session lock is not, and is held for the whole run.
     */
    private boolean lockHoldsTransaction() throws SQLException {
      return database.useSingleConnection() && !user.getJdbcConnection().getAutoCommit();
    }

    /** Flyway's migrate up to its DbMigrate: schemas, baseline on migrate, the history table. */
    private void prepare(Schema<?, ?>[] schemas) {
      if (configuration.isCreateSchemas()) {
        new DbSchemas(database, schemas, history, callbacks).create(false);
      }
      if (history.exists()) {
        return;
      }
      boolean nonEmpty = false;
      for (Schema<?, ?> each : schemas) {
        nonEmpty |= each.exists() && !each.empty();
      }
      if (nonEmpty && configuration.isBaselineOnMigrate()) {
        new DbBaseline(
                history,
                configuration.getBaselineVersion(),
                configuration.getBaselineDescription(),
                callbacks,
                database)
            .baseline();
      } else if (nonEmpty && !history.exists()) {
        throw new FlywayException(
            "Found non-empty schema(s) but no schema history table. Use baseline() or set"
                + " baselineOnMigrate to true to initialize the schema history table.");
      }
      history.create(false);
    }

    private MigrationInfoServiceImpl refreshed() {
      MigrationInfoServiceImpl info =
          new MigrationInfoServiceImpl(
              resolver,
              history,
              database,
              configuration,
              configuration.getTarget(),
              configuration.isOutOfOrder(),
              ValidatePatternUtils.getIgnoreAllPattern(),
              configuration.getCherryPick());
      info.refresh();
      return info;
    }

    private void migrateAll(
        MigrationInfoServiceImpl info, Consumer<LinkedHashMap<MigrationInfoImpl, Boolean>> apply) {
      callbacks.onMigrateOrUndoEvent(Event.BEFORE_MIGRATE);
      result =
          CommandResultFactory.createMigrateResult(
              database.getCatalog(), database.getDatabaseType().getName(), configuration);
      int count;
      try {
        count = migratePending(info, apply);
      } catch (FlywayException e) {
        callbacks.onMigrateOrUndoEvent(Event.AFTER_MIGRATE_ERROR);
        throw e;
      }
      if (count > 0) {
        callbacks.onMigrateOrUndoEvent(Event.AFTER_MIGRATE_APPLIED);
      }
      callbacks.onMigrateOrUndoEvent(Event.AFTER_MIGRATE);
    }

    private int migratePending(
        MigrationInfoServiceImpl info, Consumer<LinkedHashMap<MigrationInfoImpl, Boolean>> apply) {
      refuseFailed(info);
      MigrationVersion current =
          info.current() == null ? MigrationVersion.EMPTY : info.current().getVersion();
      List<MigrationInfoImpl> pending = List.of(info.pending());
      if (!pending.isEmpty()) {
        nextRank = history.calculateInstalledRank(org.flywaydb.core.api.CoreMigrationType.SQL);
      }
      if (configuration.isGroup()) {
        if (!pending.isEmpty()) {
          apply.accept(group(pending, current));
        }
      } else {
        for (MigrationInfoImpl migration : pending) {
          apply.accept(group(List.of(migration), current));
          if (configuration.getTarget() == MigrationVersion.NEXT) {
            break;
          }
        }
      }
      if (previousVersioned) {
        callbacks.onMigrateOrUndoEvent(Event.AFTER_VERSIONED);
      }
      return pending.size();
    }

    /** Flyway's refusal of a history with a failed row, in Flyway's words. */
    private void refuseFailed(MigrationInfoServiceImpl info) {
      MigrationInfoImpl[] failed = info.failed();
      if (failed.length == 0
          || (failed.length == 1
              && failed[0].getState() == MigrationState.FUTURE_FAILED
              && ValidatePatternUtils.isFutureIgnored(
                  configuration.getIgnoreMigrationPatterns()))) {
        return;
      }
      boolean inTransaction = failed[0].canExecuteInTransaction();
      String what =
          failed[0].getVersion() == null
              ? "a failed repeatable migration (\"" + failed[0].getDescription() + "\") !"
              : "a failed migration to version " + failed[0].getVersion() + " !";
      throw new FlywayMigrateException(
          failed[0], "Schema " + schema + " contains " + what, inTransaction, result);
    }

    private LinkedHashMap<MigrationInfoImpl, Boolean> group(
        List<MigrationInfoImpl> migrations, MigrationVersion current) {
      LinkedHashMap<MigrationInfoImpl, Boolean> group = new LinkedHashMap<>();
      for (MigrationInfoImpl migration : migrations) {
        group.put(
            migration,
            migration.getVersion() != null && migration.getVersion().compareTo(current) < 0);
      }
      return group;
    }

    /** Flyway's applyMigrations, with the history rows on the scripts' connection. */
    private Void apply(LinkedHashMap<MigrationInfoImpl, Boolean> group) {
      boolean inTransaction = inTransaction(group);
      List<AppliedMigration> done = new ArrayList<>();
      long[] started = {System.nanoTime()};
      try {
        if (inTransaction) {
          ExecutionTemplateFactory.createExecutionTemplate(user.getJdbcConnection(), database)
              .execute(
                  () -> {
                    runGroup(group, started, done, true);
                    return null;
                  });
        } else {
          runGroup(group, started, done, false);
        }
      } catch (FlywayMigrateException e) {
        int millis = millisSince(started[0]);
        result.putFailedMigration(e.getMigration(), millis);
        if (!(database.supportsDdlTransactions() && inTransaction)) {
          MigrationInfoImpl migration = (MigrationInfoImpl) e.getMigration();
          insertRow(migration, millis, false);
        }
        throw e;
      }
      for (AppliedMigration migration : done) {
        applied.add(migration);
        listener.applied(migration);
      }
      return null;
    }

    private boolean inTransaction(LinkedHashMap<MigrationInfoImpl, Boolean> group) {
      boolean all = true;
      boolean first = true;
      for (MigrationInfoImpl migration : group.keySet()) {
        boolean each = migration.getResolvedMigration().getExecutor().canExecuteInTransaction();
        if (!first && !configuration.isMixed() && all != each) {
          throw new FlywayMigrateException(
              migration,
              "Detected both transactional and non-transactional migrations within the same"
                  + " migration group (even though mixed is false). First offending migration: \""
                  + (migration.getVersion() == null ? "" : migration.getVersion())
                  + (migration.getDescription().isEmpty() ? "" : " " + migration.getDescription())
                  + "\""
                  + (each ? "" : " [non-transactional]"),
              each,
              result);
        }
        all = first ? each : all && each;
        first = false;
      }
      return all;
    }

    private void runGroup(
        LinkedHashMap<MigrationInfoImpl, Boolean> group,
        long[] started,
        List<AppliedMigration> done,
        boolean inTransaction) {
      Context context =
          new Context() {
            @Override
            public Configuration getConfiguration() {
              return configuration;
            }

            @Override
            public Connection getConnection() {
              return user.getJdbcConnection();
            }
          };
      for (Map.Entry<MigrationInfoImpl, Boolean> entry : group.entrySet()) {
        MigrationInfoImpl migration = entry.getKey();
        started[0] = System.nanoTime();
        if (previousVersioned && migration.getVersion() == null) {
          callbacks.onMigrateOrUndoEvent(Event.AFTER_VERSIONED);
          callbacks.onMigrateOrUndoEvent(Event.BEFORE_REPEATABLES);
          previousVersioned = false;
        }
        if (sessionChanged) {
          // A script that set a role or a search path must not leave it to the next one.
          user.restoreOriginalState();
          user.changeCurrentSchemaTo(schema);
        }
        String text = texts.apply(migration.getScript());
        sessionChanged = text == null || SESSION_CHANGE.matcher(text).find();
        listener.starting(migration.getScript());
        execute(context, migration, entry.getValue(), inTransaction);
        int millis = millisSince(started[0]);
        result.putSuccessfulMigration(migration, millis);
        insertRow(migration, millis, true);
        String version =
            migration.getVersion() == null ? null : migration.getVersion().getVersion();
        done.add(
            new AppliedMigration(
                version, migration.getDescription(), migration.getScript(), millis));
      }
    }

    private void execute(
        Context context, MigrationInfoImpl migration, boolean outOfOrder, boolean inTransaction) {
      try {
        callbacks.setMigrationInfo(migration);
        callbacks.onEachMigrateOrUndoEvent(Event.BEFORE_EACH_MIGRATE);
        try {
          Connection jdbc = context.getConnection();
          boolean autoCommit = jdbc.getAutoCommit();
          // One connection for history and scripts: a script outside a transaction needs the
          // transaction the history changes opened turned off, as Flyway does.
          if (database.useSingleConnection() && !inTransaction) {
            jdbc.setAutoCommit(true);
          }
          ScriptCall.run(migration.getResolvedMigration().getExecutor(), context);
          if (database.useSingleConnection() && !inTransaction) {
            jdbc.setAutoCommit(autoCommit);
          }
        } catch (FlywayException e) {
          callbacks.onEachMigrateOrUndoEvent(Event.AFTER_EACH_MIGRATE_ERROR);
          throw new FlywayMigrateException(
              migration, outOfOrder, e, migration.canExecuteInTransaction(), result);
        } catch (SQLException e) {
          callbacks.onEachMigrateOrUndoEvent(Event.AFTER_EACH_MIGRATE_ERROR);
          throw new FlywayMigrateException(
              migration, outOfOrder, e, migration.canExecuteInTransaction(), result);
        }
        callbacks.onEachMigrateOrUndoEvent(Event.AFTER_EACH_MIGRATE);
      } finally {
        callbacks.setMigrationInfo(null);
      }
    }

    /** Writes the row and counts the rank on. */
    private void insertRow(MigrationInfoImpl migration, int millis, boolean success) {
      AppliedRows.insert(
          database, table, user.getJdbcConnection(), migration, nextRank, millis, success);
      nextRank++;
    }

    private static int millisSince(long start) {
      return (int) ((System.nanoTime() - start) / 1_000_000);
    }
  }
}
