package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * Flyway sits behind one package: only {@code engine.flyway} uses Flyway's internal API or writes
 * history rows by hand, and Flyway's failures are told apart by their error codes.
 */
class FlywaySeamTest {
  private static final Path SOURCES = Path.of("src/main/java/io/schemagate");

  private static List<String> outsideTheSeam(String... needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.startsWith(SOURCES.resolve("engine/flyway"))) {
          continue;
        }
        // PostgreSQL's lock mode of that name (the lint names it) is not a statement.
        String source = Files.readString(file).replace("SHARE UPDATE EXCLUSIVE", "");
        for (String needle : needles) {
          if (source.contains(needle)) {
            found.add(SOURCES.relativize(file) + ": " + needle);
          }
        }
      }
    }
    return found;
  }

  private static Bundle bundle(String name, String text) {
    return BundleLoader.fromFiles("test", Map.of(name, text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * What each class of the seam does with Flyway, and the internal types it may use: the one list,
   * checked against the sources and shown in docs/ARCHITECTURE.md (rewritten from here with {@code
   * -Dschemagate.writeDocs=true}). A class that starts using another internal type, or stops, is a
   * change to this list and to that page.
   */
  private record Seam(String why, List<String> internals) {}

  private static final Map<String, Seam> SEAM =
      new java.util.TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "AppliedRows",
                  new Seam(
                      "writes the history row of a migration `MigrationRunner` ran, with Flyway's"
                          + " insert statement and values, on the script's connection",
                      List.of(
                          "database.base.Database",
                          "database.base.Table",
                          "exception.FlywaySqlException",
                          "info.MigrationInfoImpl",
                          "schemahistory.SchemaHistory",
                          "util.AbbreviationUtils"))),
              Map.entry(
                  "BundleResourceProvider",
                  new Seam("Flyway's SPI: scripts from memory, no class-path scanning", List.of())),
              Map.entry(
                  "ConnectionFailures",
                  new Seam(
                      "the failures of the connection, for `FailureClassifier`: credentials"
                          + " refused, no driver, a locked database file, the server away, and how"
                          + " an unreachable server is told to a tenant",
                      List.of())),
              Map.entry(
                  "DriftReading",
                  new Seam(
                      "how an applied or skipped migration differs from its script by Flyway's"
                          + " validation rules (edited, missing, future, ignored but not a baseline"
                          + " script, renamed, retyped), for `HistoryView`",
                      List.of("info.MigrationInfoImpl", "util.AbbreviationUtils"))),
              Map.entry(
                  "FailedRows",
                  new Seam(
                      "removes the failed row of a script of which nothing ran (MySQL/MariaDB, after"
                          + " a lock-wait timeout on the first statement)",
                      List.of("sqlscript.SqlStatement"))),
              Map.entry(
                  "FailureClassifier",
                  new Seam(
                      "classifies Flyway's exceptions by their error code (`CoreErrorCode`), the"
                          + " placeholder error by the class that threw it, and SQL errors by"
                          + " SQLState and vendor code",
                      List.of(
                          "exception.FlywayMigrateException",
                          "info.MigrationInfoImpl",
                          "parser.PlaceholderReplacingReader"))),
              Map.entry(
                  "FlywayFactory",
                  new Seam(
                      "builds the engine's Flyway instances: scripts from memory, no Java"
                          + " migrations, clean off unless an operation turns it on; the history"
                          + " measured first (`HistoryBounds`), except for `clean`",
                      List.of())),
              Map.entry(
                  "FlywaySettings",
                  new Seam(
                      "hands the checked Flyway settings without an engine field to Flyway's"
                          + " configuration; always takes Flyway's PostgreSQL lock outside a"
                          + " transaction",
                      List.of())),
              Map.entry(
                  "HistoryBounds",
                  new Seam(
                      "measures the history table before an instance reads it: Flyway's ten"
                          + " columns only, rows and text within the engine's `HistoryLimits`",
                      List.of())),
              Map.entry(
                  "HistoryTable",
                  new Seam(
                      "reads and writes history rows by hand (fingerprint, undo rows, the removal"
                          + " rows Flyway reads back)",
                      List.of())),
              Map.entry(
                  "HistoryView",
                  new Seam(
                      "one read of Flyway's `MigrationInfoService` as the engine's records:"
                          + " status, drift, failed rows, the current version, what a downgrade"
                          + " reverts",
                      List.of())),
              Map.entry(
                  "InvalidIndexes",
                  new Seam(
                      "after a PostgreSQL script that ran outside a transaction fails, names the"
                          + " INVALID indexes an interrupted `CREATE INDEX CONCURRENTLY` left",
                      List.of())),
              Map.entry(
                  "MigrationRunner",
                  new Seam(
                      "schemagate's own executor: Flyway resolves, parses and runs each script"
                          + " and its callbacks, makes the history table and takes its lock;"
                          + " schemagate holds the lock and reads the history once per run and"
                          + " writes each row, Flyway's values, on the script's connection",
                      List.of(
                          "callback.CallbackExecutor",
                          "command.DbBaseline",
                          "command.DbSchemas",
                          "database.base.Connection",
                          "database.base.Database",
                          "database.base.Schema",
                          "database.base.Table",
                          "exception.FlywayMigrateException",
                          "info.MigrationInfoImpl",
                          "info.MigrationInfoServiceImpl",
                          "jdbc.ExecutionTemplateFactory",
                          "resolver.CompositeMigrationResolver",
                          "schemahistory.SchemaHistory",
                          "util.ValidatePatternUtils"))),
              Map.entry(
                  "OfflineSql",
                  new Seam(
                      "a plan as text: Flyway's parser (placeholders, dialect), its history"
                          + " table's create script and insert statement, its per-migration"
                          + " transaction choice",
                      List.of(
                          "database.base.Database",
                          "database.base.Table",
                          "info.MigrationInfoImpl",
                          "jdbc.JdbcConnectionFactory",
                          "parser.ParsingContext",
                          "sqlscript.SqlStatement"))),
              Map.entry(
                  "ProgressCallback",
                  new Seam("Flyway's SPI: the progress of each migration", List.of())),
              Map.entry(
                  "ScriptCall",
                  new Seam(
                      "runs a migration's script with the script executor Flyway made for it,"
                          + " without asking the connection which database it is per migration",
                      List.of(
                          "resolver.sql.SqlMigrationExecutor",
                          "sqlscript.SqlScript",
                          "sqlscript.SqlScriptExecutorFactory"))),
              Map.entry(
                  "ScriptStatements",
                  new Seam(
                      "splits a script into statements with Flyway's parser and the database's"
                          + " dialect, without a connection (the lint, the offline SQL)",
                      List.of(
                          "database.DatabaseType",
                          "database.DatabaseTypeRegister",
                          "database.GeneralDatabaseType",
                          "parser.Parser",
                          "parser.ParsingContext",
                          "sqlscript.SqlStatement",
                          "sqlscript.SqlStatementIterator"))),
              Map.entry(
                  "TimeLimitFailures",
                  new Seam(
                      "tells a lock wait past its timeout from a statement past its timeout by"
                          + " each database's own codes",
                      List.of("exception.FlywayMigrateException"))),
              Map.entry(
                  "UndoExecutor",
                  new Seam(
                      "runs an undo script, split by Flyway's parser in the database's dialect,"
                          + " and writes the row that records it as Flyway's own repair records a"
                          + " removed migration",
                      List.of(
                          "database.DatabaseType",
                          "database.DatabaseTypeRegister",
                          "parser.ParsingContext",
                          "sqlscript.SqlStatement")))));

  private static final String TABLE_START = "<!-- seam-table:start (FlywaySeamTest) -->\n";
  private static final String TABLE_END = "<!-- seam-table:end -->\n";
  private static final Path ARCHITECTURE = Path.of("../docs/ARCHITECTURE.md");

  /** The table of docs/ARCHITECTURE.md, from {@link #SEAM}. */
  private static String table() {
    StringBuilder table =
        new StringBuilder("| class | what it does with Flyway | Flyway's internal types |\n")
            .append("|---|---|---|\n");
    SEAM.forEach(
        (name, seam) ->
            table
                .append("| `")
                .append(name)
                .append("` | ")
                .append(seam.why())
                .append(" | ")
                .append(
                    seam.internals().isEmpty()
                        ? "none"
                        : String.join(
                            ", ", seam.internals().stream().map(t -> "`" + t + "`").toList()))
                .append(" |\n"));
    return table.toString();
  }

  @Test
  void eachSeamClassUsesExactlyTheInternalTypesItIsAllowed() throws IOException {
    java.util.Map<String, List<String>> found = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(SOURCES.resolve("engine/flyway"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        if (name.equals("package-info")) {
          continue;
        }
        java.util.regex.Matcher used =
            java.util.regex.Pattern.compile(
                    "org\\.flywaydb\\.core\\.internal\\.([a-z.]+\\.[A-Z]\\w*)")
                .matcher(Files.readString(file));
        java.util.Set<String> types = new java.util.TreeSet<>();
        while (used.find()) {
          types.add(used.group(1));
        }
        found.put(name, List.copyOf(types));
      }
    }
    java.util.Map<String, List<String>> allowed = new java.util.TreeMap<>();
    SEAM.forEach((name, seam) -> allowed.put(name, seam.internals().stream().sorted().toList()));
    assertThat(found).isEqualTo(allowed);
  }

  @Test
  void theArchitecturePageShowsTheSeamAsTheListSaysIt() throws IOException {
    String page = Files.readString(ARCHITECTURE);
    int start = page.indexOf(TABLE_START);
    int end = page.indexOf(TABLE_END);
    assertThat(start).as("the seam table's markers in docs/ARCHITECTURE.md").isNotNegative();
    String shown = page.substring(start + TABLE_START.length(), end);
    if (Boolean.getBoolean("schemagate.writeDocs")) {
      Files.writeString(
          ARCHITECTURE,
          page.substring(0, start + TABLE_START.length()) + table() + page.substring(end));
      return;
    }
    assertThat(shown)
        .as(
            "docs/ARCHITECTURE.md differs from FlywaySeamTest.SEAM: run this test with"
                + " -Dschemagate.writeDocs=true")
        .isEqualTo(table());
  }

  @Test
  void onlyTheFlywayPackageUsesFlywaysInternalsOrWritesHistoryRows() throws IOException {
    assertThat(outsideTheSeam("org.flywaydb.core.internal")).isEmpty();
    assertThat(outsideTheSeam("INSERT INTO", "DELETE FROM", "UPDATE ")).isEmpty();
  }

  @Test
  void aSchemaWithTablesButNoHistoryIsKnownByFlywaysErrorCode() throws Exception {
    TestDatabase db = Databases.h2();
    db.execute("CREATE TABLE legacy (id INT)");
    Bundle bundle = bundle("V1__a.sql", "CREATE TABLE a (id INT);");
    // The engine refuses such a schema itself, before Flyway runs (UnmanagedSchema) ...
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(), bundle, EngineSettings.defaults(), ConnectionSettings.DEFAULT)) {
      assertThatThrownBy(() -> engine.upgrade(null, MigrationListener.NONE))
          .isInstanceOfSatisfying(
              EngineException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REFUSED))
          .hasMessageContaining("has no schema history table");
    }
    // ... and Flyway's own refusal, for a table made between that check and the migrate, is still
    // known by its error code and worded the same.
    FlywayException flyway =
        catchThrowableOfType(
            FlywayException.class,
            () ->
                Flyway.configure()
                    .dataSource(db.parsed().jdbcUrl(), null, null)
                    .locations("classpath:io/schemagate/nowhere")
                    .load()
                    .migrate());
    assertThat(flyway.getErrorCode())
        .isEqualTo(CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE);
    EngineException classified = FailureClassifier.classify(flyway, db.parsed());
    assertThat(classified.kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(classified.getMessage()).contains("has no schema history table");
  }

  @Test
  void anUnresolvedPlaceholderIsKnownByTheReaderThatThrowsIt() throws Exception {
    TestDatabase db = Databases.h2();
    Bundle bundle = bundle("V1__a.sql", "CREATE TABLE ${missing} (id INT);");
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(), bundle, EngineSettings.defaults(), ConnectionSettings.DEFAULT)) {
      assertThatThrownBy(() -> engine.upgrade(null, MigrationListener.NONE))
          .isInstanceOfSatisfying(
              EngineException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_BUNDLE))
          .hasMessageContaining("No value provided for placeholder")
          .hasMessageContaining("define it");
    }
    // The same words from anywhere else are not taken for it.
    FlywayException lookalike = new FlywayException("No value provided for placeholder: ${x}");
    assertThat(FailureClassifier.classify(lookalike, db.parsed()).kind())
        .isEqualTo(FailureKind.INTERNAL);
  }
}
