package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatement;

/**
 * The SQL a plan runs, as text, in order, for the database kind at hand: Alembic's offline mode,
 * which Flyway keeps for its paid editions. Each script is split by Flyway's own parser with the
 * bundle's placeholders, the history table is created with Flyway's own statement where it does not
 * exist, and each migration's history row follows it, inside the same transaction where Flyway runs
 * it in one. Nothing is changed: the connection only reads what the history holds.
 */
public final class OfflineSql {
  /** The SQL callbacks a migrate runs around its migrations, by the events Flyway runs them at. */
  private static final List<String> BEFORE = List.of("beforeMigrate");

  private static final List<String> BEFORE_EACH = List.of("beforeEachMigrate");
  private static final List<String> AFTER_EACH = List.of("afterEachMigrate");
  private static final List<String> AFTER = List.of("afterMigrate", "afterMigrateApplied");
  private static final List<String> AFTER_VERSIONED = List.of("afterVersioned");
  private static final List<String> BEFORE_REPEATABLES =
      List.of("afterVersioned", "beforeRepeatables");
  private static final Set<String> RENDERED =
      Set.of(
          "beforeMigrate",
          "beforeEachMigrate",
          "afterEachMigrate",
          "afterMigrate",
          "afterMigrateApplied",
          "afterVersioned",
          "beforeRepeatables");

  private final DatabaseUrl url;
  private final DataSource dataSource;
  private final Configuration configuration;
  private final ScriptSet scripts;
  private final HistoryTable history;

  public OfflineSql(
      DatabaseUrl url,
      DataSource dataSource,
      Configuration configuration,
      ScriptSet scripts,
      HistoryTable history) {
    this.url = url;
    this.dataSource = dataSource;
    this.configuration = configuration;
    this.scripts = scripts;
    this.history = history;
  }

  /**
   * The SQL of an upgrade that runs {@code pending}, in order.
   *
   * @param lastRank the highest installed rank in the history, 0 when there is none
   * @param historyExists whether the history table exists; else its creation comes first
   */
  public String upgrade(List<MigrationInfo> pending, long lastRank, boolean historyExists) {
    return render(
        (database, out) -> {
          Table<?, ?> table = table(database);
          if (!historyExists) {
            out.comment("The schema history table, as Flyway creates it");
            out.raw(database.getRawCreateScript(table, false).strip());
          }
          callbacks(database, BEFORE, out);
          long rank = lastRank;
          boolean previousVersioned = true;
          for (MigrationInfo migration : pending) {
            if (previousVersioned && migration.getVersion() == null) {
              // Flyway's order: the versioned ones are done when the first repeatable starts.
              callbacks(database, BEFORE_REPEATABLES, out);
              previousVersioned = false;
            }
            Script script = script(migration.getScript());
            boolean transaction = inTransaction(database, migration);
            out.comment(
                migration.getScript()
                    + (transaction ? "" : " (outside a transaction, as Flyway runs it)"));
            if (transaction) {
              out.begin();
            }
            callbacks(database, BEFORE_EACH, out);
            statements(database, script, out);
            rank++;
            out.statement(
                insert(
                    database,
                    table,
                    rank,
                    migration.getVersion() == null ? null : migration.getVersion().getVersion(),
                    migration.getDescription(),
                    migration.getType().name(),
                    migration.getScript(),
                    migration.getChecksum()));
            callbacks(database, AFTER_EACH, out);
            if (transaction) {
              out.commit();
            }
          }
          if (previousVersioned) {
            callbacks(database, AFTER_VERSIONED, out);
          }
          callbacks(database, pending.isEmpty() ? List.of("afterMigrate") : AFTER, out);
          List<String> unrendered =
              scripts.callbacks().stream()
                  .filter(s -> RENDERED.stream().noneMatch(event -> isEventScript(s, event)))
                  .map(Script::name)
                  .toList();
          if (!unrendered.isEmpty()) {
            out.comment(
                "Not shown: callbacks "
                    + String.join(", ", unrendered)
                    + ", which Flyway runs around each statement, on failure or outside a"
                    + " migrate's scripts");
          }
        });
  }

  /**
   * The SQL of a downgrade that reverts {@code toUndo}, newest first: each undo script and the
   * {@code DELETE} history row that marks its version removed.
   */
  public String downgrade(List<HistoryEntry> toUndo, long lastRank) {
    return render(
        (database, out) -> {
          Table<?, ?> table = table(database);
          long rank = lastRank;
          for (HistoryEntry applied : toUndo) {
            Script undo = scripts.undoFor(applied.version()).orElseThrow();
            List<SqlStatement> statements = parse(database, undo);
            boolean transaction =
                url.kind().hasTransactionalDdl()
                    && statements.stream().allMatch(SqlStatement::canExecuteInTransaction);
            out.comment(undo.name() + " (undoes " + applied.script() + ")");
            if (transaction) {
              out.begin();
            }
            for (SqlStatement statement : statements) {
              out.statement(statement.getSql());
            }
            rank++;
            out.statement(
                insert(
                    database,
                    table,
                    rank,
                    applied.version(),
                    applied.description(),
                    "DELETE",
                    applied.script(),
                    applied.checksum()));
            if (transaction) {
              out.commit();
            }
          }
        });
  }

  private interface Body {
    void write(Database<?> database, SqlText out) throws Exception;
  }

  private String render(Body body) {
    try (JdbcConnectionFactory factory =
            new JdbcConnectionFactory(dataSource, configuration, null);
        Database<?> database =
            factory.getDatabaseType().createDatabase(configuration, factory, null)) {
      SqlText out = new SqlText(url.kind());
      body.write(database, out);
      return out.toString();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot render the plan's SQL", e);
    }
  }

  private Table<?, ?> table(Database<?> database) {
    return database.getMainConnection().getSchema(history.schema()).getTable(history.table());
  }

  private void callbacks(Database<?> database, List<String> events, SqlText out) {
    for (String event : events) {
      List<Script> callbacks =
          scripts.callbacks().stream()
              .filter(s -> isEventScript(s, event))
              .sorted(Comparator.comparing(Script::name))
              .toList();
      for (Script callback : callbacks) {
        out.comment(callback.name() + " (callback)");
        statements(database, callback, out);
      }
    }
  }

  private static boolean isEventScript(Script script, String event) {
    String name = script.name();
    return name.startsWith(event)
        && (name.length() == event.length()
            || name.charAt(event.length()) == '.'
            || name.startsWith(event + "__"));
  }

  private void statements(Database<?> database, Script script, SqlText out) {
    for (SqlStatement statement : parse(database, script)) {
      out.statement(statement.getSql());
    }
  }

  private List<SqlStatement> parse(Database<?> database, Script script) {
    // The flyway:* placeholders (defaultSchema, user, ...) as Flyway's migrate fills them.
    ParsingContext context = new ParsingContext();
    context.populate(database, configuration);
    return ScriptStatements.parse(database.getDatabaseType(), configuration, context, script);
  }

  private Script script(String name) {
    Script script = scripts.scripts().get(name);
    if (script == null) {
      throw new IllegalStateException("no script " + name + " in the bundle");
    }
    return script;
  }

  /** Flyway's own choice for this migration: in a transaction where it would run it in one. */
  private boolean inTransaction(Database<?> database, MigrationInfo migration) {
    if (!database.supportsDdlTransactions()) {
      return false;
    }
    if (migration instanceof MigrationInfoImpl info) {
      ResolvedMigration resolved = info.getResolvedMigration();
      return resolved == null
          || resolved.getExecutor() == null
          || resolved.getExecutor().canExecuteInTransaction();
    }
    return true;
  }

  private String insert(
      Database<?> database,
      Table<?, ?> table,
      long rank,
      String version,
      String description,
      String type,
      String script,
      Integer checksum) {
    String user = database.getInstalledBy();
    List<String> values =
        List.of(
            Long.toString(rank),
            literal(version),
            literal(description),
            literal(type),
            literal(script),
            checksum == null ? "NULL" : checksum.toString(),
            literal(user == null || user.isEmpty() ? "schemagate" : user),
            "0",
            database.getBooleanTrue());
    String insert = database.getInsertStatement(table);
    StringBuilder sql = new StringBuilder();
    int value = 0;
    for (char c : insert.toCharArray()) {
      sql.append(c == '?' ? values.get(value++) : String.valueOf(c));
    }
    return sql.toString();
  }

  private String literal(String value) {
    if (value == null) {
      return "NULL";
    }
    String escaped = value.replace("'", "''");
    if (url.kind() == DatabaseKind.MYSQL || url.kind() == DatabaseKind.MARIADB) {
      // Backslashes escape in MySQL and MariaDB strings unless NO_BACKSLASH_ESCAPES is set.
      escaped = escaped.replace("\\", "\\\\");
    }
    return "'" + escaped + "'";
  }

  /** The text being written: statements with the delimiter their database's client needs. */
  private static final class SqlText {
    private final DatabaseKind kind;
    private final StringBuilder text = new StringBuilder();

    SqlText(DatabaseKind kind) {
      this.kind = kind;
    }

    void comment(String line) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append("-- ").append(line.replace('\n', ' ')).append('\n');
    }

    void raw(String sql) {
      text.append(sql).append('\n');
    }

    void statement(String sql) {
      String body = sql.strip();
      boolean routine =
          (kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB) && body.contains(";");
      if (routine) {
        // A body with its own semicolons needs another delimiter in the mysql client.
        text.append("DELIMITER $$\n").append(body).append("$$\nDELIMITER ;\n");
      } else {
        text.append(body).append(";\n");
      }
    }

    void begin() {
      text.append("BEGIN;\n");
    }

    void commit() {
      text.append("COMMIT;\n");
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
