package io.schemagate.engine.flyway;

import java.lang.reflect.Field;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.Context;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.internal.resolver.sql.SqlMigrationExecutor;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlScriptExecutorFactory;

/**
 * Runs a resolved SQL migration's script with the script executor Flyway made for it, as its {@code
 * SqlMigrationExecutor} does, but without asking the connection which database it is on each time:
 * that question is one to three queries per migration on PostgreSQL (Flyway asks whether the server
 * is CockroachDB, Redshift or YugabyteDB), more than the script itself. The fields are Flyway's
 * own; {@code FlywaySeamTest} and the differential test break first when a Flyway release renames
 * them.
 */
final class ScriptCall {
  private ScriptCall() {}

  private static final Field SCRIPT = field("sqlScript");
  private static final Field FACTORY = field("sqlScriptExecutorFactory");
  private static final Field BATCH = field("batch");

  private static Field field(String name) {
    try {
      Field field = SqlMigrationExecutor.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  static void run(MigrationExecutor executor, Context context) throws SQLException {
    if (!(executor instanceof SqlMigrationExecutor)
        || SCRIPT == null
        || FACTORY == null
        || BATCH == null) {
      executor.execute(context);
      return;
    }
    SqlScript script;
    SqlScriptExecutorFactory factory;
    boolean batch;
    try {
      script = (SqlScript) SCRIPT.get(executor);
      factory = (SqlScriptExecutorFactory) FACTORY.get(executor);
      batch = BATCH.getBoolean(executor);
    } catch (IllegalAccessException e) {
      executor.execute(context);
      return;
    }
    Configuration configuration = context.getConfiguration();
    factory
        .createSqlScriptExecutor(
            context.getConnection(), false, batch, configuration.isOutputQueryResults())
        .execute(script, configuration);
  }
}
