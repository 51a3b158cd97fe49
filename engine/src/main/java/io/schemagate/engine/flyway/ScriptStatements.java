package io.schemagate.engine.flyway;

import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.Script;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.database.GeneralDatabaseType;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;

/**
 * A script split into statements by Flyway's own parser for a database kind, without a connection:
 * the statements Flyway would run, with the bundle's placeholders, for the lint to read.
 */
public final class ScriptStatements {
  /**
   * One statement.
   *
   * @param line the line of the script it starts on
   * @param sql its text, leading comments included, without the delimiter
   * @param transactional whether Flyway could run it in a transaction
   */
  public record Statement(int line, String sql, boolean transactional) {}

  private ScriptStatements() {}

  /** The statements of {@code script} on {@code kind}, as Flyway splits them. */
  public static List<Statement> split(Script script, DatabaseKind kind, EngineSettings settings) {
    FluentConfiguration config =
        Flyway.configure(ScriptStatements.class.getClassLoader())
            .placeholders(settings.placeholders());
    FlywaySettings.apply(settings.flyway(), config);
    return parse(type(kind, config), config, new ParsingContext(), script).stream()
        .map(s -> new Statement(s.getLineNumber(), s.getSql(), s.canExecuteInTransaction()))
        .toList();
  }

  /**
   * Splits {@code script} with the parser of {@code type}: the one way the engine splits a script,
   * for migrations' undo scripts, offline SQL and the lint alike.
   */
  static List<SqlStatement> parse(
      DatabaseType type, Configuration configuration, ParsingContext context, Script script) {
    Parser parser = type.createParser(configuration, null, context);
    BundleResourceProvider.TextResource resource =
        new BundleResourceProvider.TextResource("script", script.name(), script.text());
    List<SqlStatement> statements = new ArrayList<>();
    try (SqlStatementIterator iterator = parser.parse(resource)) {
      iterator.forEachRemaining(statements::add);
    }
    return statements;
  }

  private static DatabaseType type(DatabaseKind kind, FluentConfiguration config) {
    String url =
        switch (kind) {
          case POSTGRESQL -> "jdbc:postgresql://localhost/x";
          case MYSQL -> "jdbc:mysql://localhost/x";
          case MARIADB -> "jdbc:mariadb://localhost/x";
          case SQLITE -> "jdbc:sqlite:x.db";
          case H2 -> "jdbc:h2:mem:x";
        };
    // Several types take one URL form (CockroachDB's comes before PostgreSQL's): the one that
    // bears the kind's own name is the one a connection would pick.
    String name =
        switch (kind) {
          case POSTGRESQL -> "PostgreSQL";
          case MYSQL -> "MySQL";
          case MARIADB -> "MariaDB";
          case SQLITE -> "SQLite";
          case H2 -> "H2";
        };
    for (GeneralDatabaseType type : DatabaseTypeRegister.getDatabaseTypesForUrl(url, config)) {
      if (type instanceof DatabaseType databaseType && type.getName().equals(name)) {
        return databaseType;
      }
    }
    throw new IllegalStateException("Flyway has no parser for " + kind);
  }
}
