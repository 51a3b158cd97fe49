package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
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
