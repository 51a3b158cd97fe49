package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.sqlscript.SqlStatement;

/**
 * Removes a failed history row that records nothing: a lock wait that timed out on the first
 * statement of a script ran nothing of it, but where DDL is not transactional Flyway still records
 * a failed row, which would stop every retry until a person repairs it.
 */
public final class FailedRows {
  private FailedRows() {}

  /**
   * Where {@code failure} is such a lock wait, removes that one row (under the caller's migration
   * lock) and says so; otherwise returns {@code failure} unchanged.
   */
  public static EngineException removeWhereNothingRan(
      EngineException failure,
      DatabaseUrl url,
      ScriptSet scripts,
      Configuration configuration,
      DataSource dataSource,
      HistoryTable history) {
    if (failure.kind() != FailureKind.LOCK_WAIT_TIMEOUT
        || url.kind().hasTransactionalDdl()
        || failure.script() == null) {
      return failure;
    }
    Script script = scripts.scripts().get(failure.script());
    if (script == null || script.version() == null) {
      return failure;
    }
    try (Connection connection = dataSource.getConnection()) {
      List<SqlStatement> statements =
          UndoExecutor.parseStatements(connection, configuration, script);
      boolean first =
          !statements.isEmpty()
              && statements.get(0).getLineNumber() == failure.line()
              && (statements.size() == 1 || statements.get(1).getLineNumber() > failure.line());
      if (!first || history.removeFailed(connection, script.version()) == 0) {
        return failure;
      }
    } catch (SQLException | RuntimeException e) {
      return failure;
    }
    String message = failure.getMessage();
    String stays = FailureClassifier.leftBehind(url.kind(), failure);
    if (message.endsWith(stays)) {
      message = message.substring(0, message.length() - stays.length());
    }
    return new EngineException(
        failure.kind(),
        message
            + ". It was the script's first statement, so nothing of it had run: schemagate"
            + " removed its failed row, and the migration can simply run again.",
        failure.script(),
        failure.line(),
        failure.getCause());
  }
}
