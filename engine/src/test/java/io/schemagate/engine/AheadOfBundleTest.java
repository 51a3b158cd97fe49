package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.RunReport;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application rollback: the previous release's bundle against a database a newer release
 * migrated. As Flyway with its default ignoreMigrationPatterns (*:future), the versions stay where
 * they are and nothing fails; only an explicit target below the applied version is a downgrade.
 */
class AheadOfBundleTest {
  private static final Bundle NEWER =
      Bundles.of(
          "V1__a.sql", "CREATE TABLE a (id INT);",
          "V2__b.sql", "CREATE TABLE b (id INT);",
          "V3__c.sql", "CREATE TABLE c (id INT);");
  private static final Bundle OLDER =
      Bundles.of("V1__a.sql", "CREATE TABLE a (id INT);", "V2__b.sql", "CREATE TABLE b (id INT);");

  static Stream<TestDatabase> databases() {
    return Databases.all().stream();
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle, EngineSettings settings) {
    Databases.assumeAvailable(db);
    return MigrationEngine.open(db.parsed(), bundle, settings, ConnectionSettings.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anOlderBundleLeavesTheVersionsAndOnlyAnExplicitTargetGoesBack(TestDatabase db) {
    try (MigrationEngine engine = open(db, NEWER, EngineSettings.defaults())) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    try (MigrationEngine engine = open(db, OLDER, EngineSettings.defaults())) {
      MigrationPlan plan = engine.plan("head");
      assertThat(plan.ahead()).isTrue();
      assertThat(plan.direction()).isEqualTo(Direction.NONE);
      assertThat(plan.refusal()).isEmpty();
      assertThat(plan.fromVersion()).isEqualTo("3");
      assertThat(plan.toVersion()).isEqualTo("2");
      assertThat(engine.plan("latest").ahead()).isTrue();

      RunReport report = engine.upgrade(null, MigrationListener.NONE);
      assertThat(report.ran()).isEmpty();
      assertThat(report.toVersion()).isEqualTo("3");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
      assertThat(engine.maintenance().validate().valid()).isTrue();

      // Naming the version is asking to go back: that is a downgrade's question.
      assertThat(engine.plan("2").direction()).isEqualTo(Direction.DOWN);
      EngineException refused =
          catchThrowableOfType(
              EngineException.class, () -> engine.upgrade("2", MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.getMessage()).contains("below the applied version 3");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void withoutFutureInTheIgnorePatternsItIsRefusedNamingTheSetting(TestDatabase db) {
    try (MigrationEngine engine = open(db, NEWER, EngineSettings.defaults())) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    EngineSettings strict =
        new EngineSettings.Builder()
            .flyway(FlywayOptions.none().with("ignoreMigrationPatterns", "*:missing", "test"))
            .build();
    try (MigrationEngine engine = open(db, OLDER, strict)) {
      MigrationPlan plan = engine.plan("head");
      assertThat(plan.refusal()).isPresent();
      assertThat(plan.refusal().get().kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
      assertThat(plan.refusal().get().message()).contains("ignoreMigrationPatterns", "*:future");
      EngineException refused =
          catchThrowableOfType(
              EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
    }
  }
}
