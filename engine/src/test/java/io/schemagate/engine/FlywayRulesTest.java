package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.RunReport;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's validation rules and its history as an application with Java migrations leaves it. */
class FlywayRulesTest {
  @TempDir Path folder;

  private static Bundle bundle(String... namesAndTexts) {
    return Bundles.of(namesAndTexts);
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle) {
    EngineSettings settings = new EngineSettings.Builder().flyway(bundle.options()).build();
    return MigrationEngine.open(db.parsed(), bundle, settings, ConnectionSettings.DEFAULT);
  }

  /** A migration an application applies with Flyway, in Java. */
  public static final class SeedFromApp implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
      return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
      return "seed from app";
    }

    @Override
    public Integer getChecksum() {
      return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
      return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
      try (Statement statement = context.getConnection().createStatement()) {
        statement.execute("INSERT INTO notes (id) VALUES (1)");
      }
    }
  }

  @Test
  void aJavaMigrationOfTheApplicationIsNamedAndPassesWithTheIgnorePattern() throws Exception {
    TestDatabase db = Databases.h2();
    Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT);");
    try (HikariDataSource pool =
        ConnectionPools.open(db.parsed(), ConnectionSettings.DEFAULT, Duration.ofSeconds(5))) {
      Flyway.configure()
          .dataSource(pool)
          .locations("filesystem:" + folder)
          .javaMigrations(new SeedFromApp())
          .load()
          .migrate();
    }
    String v1 = "CREATE TABLE notes (id INT);";
    String v3 = "INSERT INTO notes (id) VALUES (3);";
    try (MigrationEngine engine = open(db, bundle("V1__notes.sql", v1, "V3__more.sql", v3))) {
      EngineException refused =
          catchThrowableOfType(
              EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
      assertThat(refused.getMessage())
          .contains("seed from app")
          .contains("is a Java migration (JDBC, version 2 'seed from app') that an application")
          .contains("add *:missing to ignoreMigrationPatterns");
    }
    Bundle ignoring =
        bundle(
            "flyway.conf", "flyway.ignoreMigrationPatterns=*:missing",
            "V1__notes.sql", v1,
            "V3__more.sql", v3);
    try (MigrationEngine engine = open(db, ignoring)) {
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("3");
      assertThat(engine.maintenance().validate().valid()).isTrue();
    }
    assertThat(db.queryOne("SELECT count(*) FROM notes")).isEqualTo(2L);
  }

  @Test
  void repairLeavesTheRowOfAnIgnoredMissingScriptAsFlywaysRepairDoes() throws Exception {
    TestDatabase db = Databases.h2();
    String a = "CREATE TABLE a (id INT);";
    String c = "CREATE TABLE c (id INT);";
    try (MigrationEngine engine =
        open(db, bundle("V1__a.sql", a, "V2__b.sql", "CREATE TABLE b (id INT);", "V3__c.sql", c))) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    try (MigrationEngine engine = open(db, bundle("V1__a.sql", a, "V3__c.sql", c))) {
      EngineException refused =
          catchThrowableOfType(EngineException.class, engine.maintenance()::repair);
      assertThat(refused.getMessage()).contains("V2__b.sql").contains("*:missing");
    }
    Bundle ignoring =
        bundle(
            "flyway.conf",
            "flyway.ignoreMigrationPatterns=*:missing",
            "V1__a.sql",
            a,
            "V3__c.sql",
            c);
    try (MigrationEngine engine = open(db, ignoring)) {
      engine.maintenance().repair();
      assertThat(engine.maintenance().validate().valid()).isTrue();
    }
    // The row of V2 stays as it was: no DELETE row was written for it.
    assertThat(
            db.queryOne("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'DELETE'"))
        .isEqualTo(0L);
  }

  @Test
  void aRenamedScriptIsRefusedAsFlywaysValidationRefusesIt() {
    TestDatabase db = Databases.sqlite();
    try (MigrationEngine engine =
        open(db, bundle("V1__create_notes.sql", "CREATE TABLE notes (id INT);"))) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    Bundle renamed =
        bundle(
            "V1__make_notes.sql", "CREATE TABLE notes (id INT);",
            "V2__more.sql", "CREATE TABLE more (id INT);");
    try (MigrationEngine engine = open(db, renamed)) {
      EngineException refused =
          catchThrowableOfType(
              EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
      assertThat(refused.getMessage())
          .contains("was applied as 'create notes' and is named 'make notes'");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("1");
    }
  }

  @Test
  void validateOnMigrateFalseMigratesOverAnEditedScriptAsFlywayDoes() {
    TestDatabase db = Databases.h2();
    try (MigrationEngine engine = open(db, bundle("V1__a.sql", "CREATE TABLE a (id INT);"))) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    String edited = "CREATE TABLE a (id INT, name VARCHAR(10));";
    String next = "CREATE TABLE b (id INT);";
    try (MigrationEngine engine = open(db, bundle("V1__a.sql", edited, "V2__b.sql", next))) {
      assertThat(engine.plan("head").refusal()).isPresent();
    }
    Bundle unvalidated =
        bundle(
            "flyway.conf", "flyway.validateOnMigrate=false",
            "V1__a.sql", edited,
            "V2__b.sql", next);
    try (MigrationEngine engine = open(db, unvalidated)) {
      assertThat(engine.plan("head").refusal()).isEmpty();
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("2");
      // The edit is still reported: validate and status see it.
      assertThat(engine.maintenance().validate().valid()).isFalse();
    }
  }

  @Test
  void aFreshDatabaseGetsTheBaselineMigrationAndTheVersionsAboveIt() {
    TestDatabase db = Databases.postgres();
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE a (id INT);",
            "V2__b.sql", "CREATE TABLE b (id INT);",
            "B2__a_and_b.sql", "CREATE TABLE a (id INT); CREATE TABLE b (id INT);",
            "V3__c.sql", "CREATE TABLE c (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      assertThat(engine.plan("head").scripts()).containsExactly("B2__a_and_b.sql", "V3__c.sql");
      RunReport report = engine.upgrade(null, MigrationListener.NONE);
      assertThat(report.ran())
          .extracting(AppliedMigration::script)
          .containsExactly("B2__a_and_b.sql", "V3__c.sql");
      assertThat(engine.inspect().status().pending()).isEmpty();
      assertThat(engine.maintenance().validate().valid()).isTrue();
    }
  }

  @Test
  void aBaselineScriptAboveTheTargetIsWhatFlywayAppliesAndThePlanSaysSo() {
    TestDatabase db = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(db);
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE a (id INT);",
            "V2__b.sql", "CREATE TABLE b (id INT);",
            "B3__a_b_c.sql",
                "CREATE TABLE a (id INT); CREATE TABLE b (id INT);" + " CREATE TABLE c (id INT);",
            "V3__c.sql", "CREATE TABLE c (id INT);",
            "V4__d.sql", "CREATE TABLE d (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      MigrationPlan plan = engine.plan("2");
      assertThat(plan.scripts()).containsExactly("B3__a_b_c.sql");
      assertThat(plan.toVersion()).isEqualTo("3");
      RunReport report = engine.upgrade("2", MigrationListener.NONE);
      assertThat(report.ran())
          .extracting(AppliedMigration::script)
          .containsExactlyElementsOf(plan.scripts());
      assertThat(report.toVersion()).isEqualTo("3");
    }
  }
}
