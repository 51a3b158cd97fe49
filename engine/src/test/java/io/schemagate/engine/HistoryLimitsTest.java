package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryLimits;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A history table grown by hand is refused before Flyway reads it whole: too many rows, too much
 * text in any column, or a column Flyway does not write. Nothing is read or changed, and a reset
 * can still drop it.
 */
class HistoryLimitsTest {
  private static final Bundle BUNDLE =
      Bundles.of("V1__a.sql", "CREATE TABLE a (id INT);", "V2__b.sql", "CREATE TABLE b (id INT);");

  static Stream<TestDatabase> databases() {
    return Databases.all().stream();
  }

  private static MigrationEngine open(TestDatabase db, HistoryLimits limits) {
    Databases.assumeAvailable(db);
    EngineSettings settings = new EngineSettings.Builder().history(limits).allowClean(true).build();
    return MigrationEngine.open(db.parsed(), BUNDLE, settings, ConnectionSettings.DEFAULT);
  }

  /** A PostgreSQL database with the bundle applied. */
  private static TestDatabase applied() {
    TestDatabase db = Databases.postgres();
    try (MigrationEngine engine = open(db, HistoryLimits.DEFAULT)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    return db;
  }

  private static EngineException failure(Runnable action) {
    return catchThrowableOfType(EngineException.class, action::run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void moreRowsThanTheLimitAreRefusedOnEveryDatabaseBeforeTheyAreRead(TestDatabase db) {
    try (MigrationEngine engine = open(db, HistoryLimits.DEFAULT)) {
      engine.upgrade(null, MigrationListener.NONE);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("2");
    }
    try (MigrationEngine engine = open(db, new HistoryLimits(1, 4L << 20))) {
      EngineException refused = failure(() -> engine.inspect().status());
      assertThat(refused.kind()).isEqualTo(FailureKind.HISTORY_TOO_LARGE);
      assertThat(refused.getMessage())
          .startsWith("The history table flyway_schema_history is too large to read: it holds ")
          .contains(" rows; the engine reads at most 1 (--max-history-rows)");
      assertThat(failure(() -> engine.upgrade(null, MigrationListener.NONE)).kind())
          .isEqualTo(FailureKind.HISTORY_TOO_LARGE);
      assertThat(failure(engine.maintenance()::repair).kind())
          .isEqualTo(FailureKind.HISTORY_TOO_LARGE);
    }
  }

  @Test
  void tenMegabytesOfDescriptionAreRefusedAndAResetStillDropsThem() throws Exception {
    TestDatabase db = applied();
    db.execute("ALTER TABLE flyway_schema_history ALTER COLUMN description TYPE TEXT");
    db.execute("UPDATE flyway_schema_history SET description = repeat('x', 5 * 1024 * 1024)");

    try (MigrationEngine engine = open(db, HistoryLimits.DEFAULT)) {
      EngineException refused = failure(() -> engine.plan("head"));
      assertThat(refused.kind()).isEqualTo(FailureKind.HISTORY_TOO_LARGE);
      assertThat(refused.getMessage())
          .contains("its rows hold 10.0 MiB of text; the engine reads at most 4 MiB")
          .contains("(--max-history-size)");
      assertThat(failure(engine::inspect).kind()).isEqualTo(FailureKind.HISTORY_TOO_LARGE);
      // The fingerprint reads aggregates only, so the operator's fast path is safe as it is.
      assertThat(engine.fingerprint()).isPresent();

      assertThat(engine.maintenance().clean().schemasCleaned()).isNotEmpty();
      assertThat(db.tables()).doesNotContain("flyway_schema_history", "a", "b");
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("2");
    }
  }

  @Test
  void aColumnFlywayDoesNotWriteIsRefusedByName() throws Exception {
    TestDatabase db = applied();
    db.execute("ALTER TABLE flyway_schema_history ADD COLUMN payload TEXT");
    db.execute("ALTER TABLE flyway_schema_history DROP COLUMN installed_by");

    try (MigrationEngine engine = open(db, HistoryLimits.DEFAULT)) {
      EngineException refused = failure(() -> engine.inspect().status());
      assertThat(refused.kind()).isEqualTo(FailureKind.HISTORY_TOO_LARGE);
      assertThat(refused.getMessage())
          .isEqualTo(
              "The history table flyway_schema_history is not Flyway's: it has the columns payload"
                  + " and it lacks installed_by; restore Flyway's columns before the next run,"
                  + " since Flyway reads every column of every row");
    }
  }
}
