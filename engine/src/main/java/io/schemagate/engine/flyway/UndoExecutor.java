package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Script;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatement;

/**
 * Runs an undo script and records its version as removed. Flyway community refuses to undo, so
 * schemagate does it: Flyway's own parser splits the script (so dollar quoting, MySQL delimiters
 * and placeholders behave exactly as in migrations), each statement runs over JDBC, and where DDL
 * is transactional the undo and its history row commit together.
 */
public final class UndoExecutor {
  private final DatabaseUrl url;
  private final DataSource dataSource;
  private final Configuration configuration;
  private final HistoryTable history;

  public UndoExecutor(
      DatabaseUrl url, DataSource dataSource, Configuration configuration, HistoryTable history) {
    this.url = url;
    this.dataSource = dataSource;
    this.configuration = configuration;
    this.history = history;
  }

  /**
   * Runs {@code undo} for the applied row {@code applied}; with {@code runScript} false, only
   * records it.
   */
  public long undo(Script undo, HistoryEntry applied, boolean runScript) {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      history.useSchema(connection);
      List<SqlStatement> statements = runScript ? parse(connection, undo) : List.of();
      boolean transactional =
          url.kind().hasTransactionalDdl()
              && statements.stream().allMatch(SqlStatement::canExecuteInTransaction);
      connection.setAutoCommit(!transactional);
      try {
        for (SqlStatement statement : statements) {
          execute(connection, undo, statement, transactional);
        }
        history.recordRemoval(connection, applied);
        if (transactional) {
          connection.commit();
        }
      } catch (SQLException | RuntimeException e) {
        if (transactional) {
          connection.rollback();
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw FailureClassifier.classify(e, url);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private List<SqlStatement> parse(Connection connection, Script undo) {
    return parseStatements(connection, configuration, undo);
  }

  /** Splits a script into statements with Flyway's own parser for the connection's database. */
  public static List<SqlStatement> parseStatements(
      Connection connection, Configuration configuration, Script script) {
    DatabaseType type =
        DatabaseTypeRegister.getDatabaseTypeForConnection(connection, configuration);
    return ScriptStatements.parse(type, configuration, new ParsingContext(), script);
  }

  private void execute(
      Connection connection, Script undo, SqlStatement statement, boolean transactional) {
    try (Statement jdbc = connection.createStatement()) {
      jdbc.execute(statement.getSql());
    } catch (SQLException e) {
      throw new EngineException(
          FailureKind.MIGRATION_FAILED,
          "Undo script "
              + undo.name()
              + " failed at line "
              + statement.getLineNumber()
              + ": "
              + FailureClassifier.firstLine(e.getMessage())
              + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")")
              + (transactional
                  ? ". It was rolled back; version " + undo.version() + " is still applied."
                  : ". Statements before it stay applied; version "
                      + undo.version()
                      + " is still recorded as applied. Fix the script and the schema, then"
                      + " downgrade again."),
          undo.name(),
          statement.getLineNumber(),
          e);
    }
  }
}
