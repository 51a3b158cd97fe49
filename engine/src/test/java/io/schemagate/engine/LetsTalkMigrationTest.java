package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.HistoryFingerprint;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example bundle upgrades, downgrades and re-upgrades on every supported database. */
class LetsTalkMigrationTest {
  private static final List<String> ALL_TABLES =
      List.of(
          "users",
          "conversations",
          "conversation_members",
          "messages",
          "user_preferences",
          "message_reads",
          "message_reactions");

  static Stream<TestDatabase> databases() {
    return Databases.all().stream();
  }

  private static MigrationEngine open(TestDatabase db) {
    Databases.assumeAvailable(db);
    return MigrationEngine.open(
        db.parsed(),
        BundleLoader.fromDirectory(Databases.exampleMigrations()),
        EngineSettings.defaults(),
        ConnectionSettings.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theHistoryFingerprintChangesWithEveryWriteAndOnlyThen(TestDatabase db) throws Exception {
    try (MigrationEngine engine = open(db)) {
      assertThat(engine.fingerprint()).as("no history table yet").isEmpty();
      engine.upgrade("5", MigrationListener.NONE);
      HistoryFingerprint atFive = engine.fingerprint().orElseThrow();
      // H2 and others may add a schema-creation row next to the five scripts.
      assertThat(atFive.rows()).isBetween(5L, 6L);
      assertThat(atFive.succeeded()).isEqualTo(atFive.rows());
      assertThat(engine.fingerprint()).contains(atFive);

      engine.upgrade(null, MigrationListener.NONE);
      HistoryFingerprint atSix = engine.fingerprint().orElseThrow();
      assertThat(atSix).isNotEqualTo(atFive);

      engine.downgrade(DowngradeTarget.steps(1), MigrationListener.NONE);
      HistoryFingerprint undone = engine.fingerprint().orElseThrow();
      assertThat(undone).isNotEqualTo(atSix);
      assertThat(undone.rows()).as("undo appends a DELETE row").isEqualTo(atSix.rows() + 1);

      db.execute(
          db.kind() == io.schemagate.db.DatabaseKind.H2
              ? "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1"
                  + " WHERE \"version\" = '2'"
              : "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
      assertThat(engine.fingerprint().orElseThrow()).isNotEqualTo(undone);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void upgradesToHeadDowngradesAndReturns(TestDatabase db) throws Exception {
    try (MigrationEngine engine = open(db)) {
      StatusReport fresh = engine.inspect().status();
      assertThat(fresh.currentVersion()).isNull();
      assertThat(fresh.pending())
          .extracting(PendingMigration::version)
          .containsExactly("1", "2", "3", "4", "5", "6");

      RunReport up = engine.upgrade(null, MigrationListener.NONE);
      assertThat(up.fromVersion()).isNull();
      assertThat(up.toVersion()).isEqualTo("6");
      assertThat(up.ran())
          .extracting(AppliedMigration::script)
          .containsExactly(
              "V1__create_users.sql",
              "V2__create_conversations.sql",
              "V3__create_messages.sql",
              "V4__create_user_preferences.sql",
              "V5__add_read_receipts.sql",
              "V6__add_message_reactions.sql");
      assertThat(db.tables()).containsAll(ALL_TABLES);
      assertThat(engine.inspect().status().upToDate()).isTrue();

      db.execute("INSERT INTO users (username, email) VALUES ('ada', 'ada@example.org')");

      RunReport down = engine.downgrade(DowngradeTarget.steps(2), MigrationListener.NONE);
      assertThat(down.fromVersion()).isEqualTo("6");
      assertThat(down.toVersion()).isEqualTo("4");
      assertThat(down.ran())
          .extracting(AppliedMigration::script)
          .containsExactly("U6__add_message_reactions.sql", "U5__add_read_receipts.sql");
      assertThat(db.tables()).doesNotContain("message_reactions", "message_reads");
      assertThat(engine.inspect().status().pending())
          .extracting(PendingMigration::version)
          .containsExactly("5", "6");

      RunReport again = engine.upgrade("head", MigrationListener.NONE);
      assertThat(again.ran()).extracting(AppliedMigration::version).containsExactly("5", "6");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("6");
      assertThat(db.queryOne("SELECT COUNT(*) FROM users").toString()).isEqualTo("1");

      engine.downgrade(DowngradeTarget.toVersion("1"), MigrationListener.NONE);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("1");
      assertThat(db.tables()).contains("users").doesNotContain("conversations", "messages");

      engine.downgrade(DowngradeTarget.toVersion("0"), MigrationListener.NONE);
      assertThat(engine.inspect().status().currentVersion()).isNull();
      assertThat(db.tables()).doesNotContainAnyElementsOf(ALL_TABLES);

      engine.upgrade("3", MigrationListener.NONE);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
      engine.upgrade(null, MigrationListener.NONE);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("6");
      assertThat(engine.maintenance().validate().valid()).isTrue();
      assertThat(engine.inspect().history()).extracting(HistoryEntry::type).contains("DELETE");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void refusesToUpgradeBelowTheAppliedVersionOrToAnUnknownOne(TestDatabase db) {
    try (MigrationEngine engine = open(db)) {
      engine.upgrade(null, MigrationListener.NONE);
      assertThatThrownBy(() -> engine.upgrade("2", MigrationListener.NONE))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("below the applied version 6")
          .extracting(e -> ((EngineException) e).kind())
          .isEqualTo(FailureKind.REFUSED);
      assertThatThrownBy(() -> engine.upgrade("42", MigrationListener.NONE))
          .hasMessageContaining(
              "Version 42 is not in the bundle; its versions are 1, 2, 3, 4, 5, 6")
          .extracting(e -> ((EngineException) e).kind())
          .isEqualTo(FailureKind.TARGET_NOT_FOUND);
    }
  }
}
