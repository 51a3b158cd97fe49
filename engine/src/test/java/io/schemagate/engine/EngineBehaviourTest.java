package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.RepairReport;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.StampReport;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.ValidationReport;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the engine does with edits, gaps, failures and stamps, on every supported database. */
class EngineBehaviourTest {
  static Stream<TestDatabase> databases() {
    return Databases.all().stream();
  }

  private static Bundle bundle(String... namesAndTexts) {
    return Bundles.of(namesAndTexts);
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle) {
    return open(db, bundle, EngineSettings.defaults());
  }

  private static MigrationEngine open(TestDatabase db, Bundle bundle, EngineSettings settings) {
    Databases.assumeAvailable(db);
    return MigrationEngine.open(db.parsed(), bundle, settings, ConnectionSettings.DEFAULT);
  }

  private static void applyAll(TestDatabase db, Bundle bundle) {
    try (MigrationEngine engine = open(db, bundle)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
  }

  private static EngineException failure(Runnable action) {
    return catchThrowableOfType(EngineException.class, action::run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEditedAppliedScriptIsReportedByNameAndRepairAcceptsIt(TestDatabase db) {
    Bundle original =
        bundle("V1__a.sql", "CREATE TABLE t1 (id INT);", "V2__b.sql", "CREATE TABLE t2 (id INT);");
    try (MigrationEngine engine = open(db, original)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    Bundle edited =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__b.sql", "CREATE TABLE t2 (id INT, name VARCHAR(10));",
            "V3__c.sql", "CREATE TABLE t3 (id INT);");
    try (MigrationEngine engine = open(db, edited)) {
      ValidationReport report = engine.maintenance().validate();
      assertThat(report.valid()).isFalse();
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.script()).isEqualTo("V2__b.sql");
                assertThat(p.problem()).contains("changed since it was applied");
              });
      EngineException refused = failure(() -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
      assertThat(refused.script()).isEqualTo("V2__b.sql");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("2");

      RepairReport repaired = engine.maintenance().repair();
      assertThat(repaired.realigned()).containsExactly("2");
      assertThat(engine.maintenance().validate().valid()).isTrue();
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("3");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMissingUndoScriptRefusesTheDowngradeBeforeAnythingChanges(TestDatabase db)
      throws Exception {
    Bundle bundle =
        bundle(
            "V1__a.sql",
            "CREATE TABLE t1 (id INT);",
            "U1__a.sql",
            "DROP TABLE t1;",
            "V2__b.sql",
            "CREATE TABLE t2 (id INT);",
            "V3__c.sql",
            "CREATE TABLE t3 (id INT);",
            "U3__c.sql",
            "DROP TABLE t3;");
    try (MigrationEngine engine = open(db, bundle)) {
      engine.upgrade(null, MigrationListener.NONE);
      EngineException refused =
          failure(() -> engine.downgrade(DowngradeTarget.toVersion("0"), MigrationListener.NONE));
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused)
          .hasMessageContaining("U2__b.sql (undoes V2__b.sql)")
          .hasMessageContaining("Nothing was changed");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
      assertThat(db.tables()).contains("t1", "t2", "t3");

      RunReport oneStep = engine.downgrade(DowngradeTarget.steps(1), MigrationListener.NONE);
      assertThat(oneStep.toVersion()).isEqualTo("2");
      assertThat(db.tables()).contains("t1", "t2").doesNotContain("t3");
      EngineException tooFar =
          failure(() -> engine.downgrade(DowngradeTarget.steps(5), MigrationListener.NONE));
      assertThat(tooFar).hasMessageContaining("only 2 migrations are applied");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFailedMigrationNamesScriptAndLineAndIsRecoverable(TestDatabase db) throws Exception {
    String broken =
        "CREATE TABLE t2 (id INT);\nCREATE TABLE t3 (id INT);\nINSERT INTO missing_table VALUES (1);\n";
    Bundle bad = bundle("V1__a.sql", "CREATE TABLE t1 (id INT);", "V2__b.sql", broken);
    boolean transactional = db.kind().hasTransactionalDdl();
    try (MigrationEngine engine = open(db, bad)) {
      EngineException failed = failure(() -> engine.upgrade(null, MigrationListener.NONE));
      assertThat(failed.kind()).isEqualTo(FailureKind.MIGRATION_FAILED);
      assertThat(failed.script()).isEqualTo("V2__b.sql");
      assertThat(failed.line()).isEqualTo(3);
      assertThat(failed).hasMessageContaining("Migration V2__b.sql failed at line 3");
      StatusReport status = engine.inspect().status();
      assertThat(status.currentVersion()).isEqualTo("1");
      if (transactional) {
        assertThat(failed).hasMessageContaining("rolled back");
        assertThat(db.tables()).doesNotContain("t2", "t3");
        assertThat(status.failed()).isEmpty();
      } else {
        assertThat(failed).hasMessageContaining("run `repair`");
        assertThat(db.tables()).contains("t2", "t3");
        assertThat(status.failed()).extracting(HistoryEntry::script).containsExactly("V2__b.sql");
        EngineException blocked = failure(() -> engine.upgrade(null, MigrationListener.NONE));
        assertThat(blocked.kind()).isEqualTo(FailureKind.FAILED_MIGRATION_PRESENT);
        assertThat(blocked)
            .hasMessageContaining("V2__b.sql failed earlier")
            .hasMessageContaining("repair");
        // The documented recovery: undo what the failed script did, fix it, repair, upgrade.
        db.execute("DROP TABLE t3");
        db.execute("DROP TABLE t2");
      }
    }
    String fixed = "CREATE TABLE t2 (id INT);\nCREATE TABLE t3 (id INT);\n";
    try (MigrationEngine engine =
        open(db, bundle("V1__a.sql", "CREATE TABLE t1 (id INT);", "V2__b.sql", fixed))) {
      RepairReport repaired = engine.maintenance().repair();
      assertThat(repaired.removedFailed()).hasSize(transactional ? 0 : 1);
      assertThat(engine.upgrade(null, MigrationListener.NONE).toVersion()).isEqualTo("2");
      assertThat(db.tables()).contains("t1", "t2", "t3");
      assertThat(engine.maintenance().validate().valid()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void stampMarksVersionsWithoutRunningThem(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    db.execute("CREATE TABLE t1 (id INT)");
    db.execute("CREATE TABLE t2 (id INT)");
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__b.sql", "CREATE TABLE t2 (id INT);",
            "V3__c.sql", "CREATE TABLE t3 (id INT);",
            "V4__d.sql", "CREATE TABLE t4 (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      StampReport baseline = engine.maintenance().stamp(engine.maintenance().stampPlan("2"));
      assertThat(baseline.fromVersion()).isNull();
      assertThat(baseline.toVersion()).isEqualTo("2");
      assertThat(engine.inspect().status().pending())
          .extracting(PendingMigration::version)
          .containsExactly("3", "4");
      engine.upgrade("3", MigrationListener.NONE);
      assertThat(db.tables()).contains("t3").doesNotContain("t4");

      assertThat(engine.maintenance().stamp(engine.maintenance().stampPlan("4")).toVersion())
          .isEqualTo("4");
      assertThat(db.tables()).doesNotContain("t4");
      assertThat(engine.inspect().status().upToDate()).isTrue();

      assertThat(engine.maintenance().stamp(engine.maintenance().stampPlan("3")).toVersion())
          .isEqualTo("3");
      assertThat(engine.inspect().status().pending())
          .extracting(PendingMigration::version)
          .containsExactly("4");
      engine.upgrade(null, MigrationListener.NONE);
      assertThat(db.tables()).contains("t4");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aStampRunsExactlyTheChangeThatWasShown(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__b.sql", "CREATE TABLE t2 (id INT);",
            "V3__c.sql", "CREATE TABLE t3 (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      engine.upgrade("2", MigrationListener.NONE);
      StampReport down = engine.maintenance().stampPlan("1");
      assertThat(down.removed()).containsExactly("V2__b.sql");
      assertThat(down.goesDown()).isTrue();

      engine.upgrade("3", MigrationListener.NONE);
      assertThatThrownBy(() -> engine.maintenance().stamp(down))
          .isInstanceOfSatisfying(
              EngineException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REFUSED))
          .hasMessageContaining("changed since this stamp was shown (it now records version 3)")
          .hasMessageContaining("nothing was changed");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");

      StampReport again = engine.maintenance().stampPlan("1");
      assertThat(again.removed()).containsExactly("V3__c.sql", "V2__b.sql");
      assertThat(engine.maintenance().stamp(again).toVersion()).isEqualTo("1");
      assertThat(engine.maintenance().stampPlan("3").marked())
          .containsExactly("V2__b.sql", "V3__c.sql");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aLowerVersionFromAMergedBranchNeedsOutOfOrder(TestDatabase db) throws Exception {
    applyAll(
        db,
        bundle("V1__a.sql", "CREATE TABLE t1 (id INT);", "V3__c.sql", "CREATE TABLE t3 (id INT);"));
    Bundle merged =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__branch.sql", "CREATE TABLE t2 (id INT);",
            "V3__c.sql", "CREATE TABLE t3 (id INT);");
    try (MigrationEngine engine = open(db, merged)) {
      assertThat(engine.inspect().status().drift())
          .singleElement()
          .satisfies(d -> assertThat(d.problem()).contains("--out-of-order"));
      assertThat(failure(() -> engine.upgrade(null, MigrationListener.NONE)).kind())
          .isEqualTo(FailureKind.CHECKSUM_MISMATCH);
    }
    try (MigrationEngine engine =
        open(db, merged, EngineSettings.defaults().withOutOfOrder(true))) {
      assertThat(engine.upgrade(null, MigrationListener.NONE).ran())
          .extracting(AppliedMigration::script)
          .containsExactly("V2__branch.sql");
      assertThat(engine.inspect().status().upToDate()).isTrue();
      assertThat(db.tables()).contains("t2");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void cleanIsRefusedUnlessAllowed(TestDatabase db) throws Exception {
    Bundle bundle = bundle("V1__a.sql", "CREATE TABLE t1 (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      engine.upgrade(null, MigrationListener.NONE);
      EngineException refused = failure(engine.maintenance()::clean);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(db.tables()).contains("t1");
    }
    try (MigrationEngine engine =
        open(db, bundle, EngineSettings.defaults().withAllowClean(true))) {
      engine.maintenance().clean();
      assertThat(db.tables()).doesNotContain("t1");
      assertThat(engine.inspect().status().currentVersion()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void repeatableScriptsRunAgainWhenChangedAndPlaceholdersAreReplaced(TestDatabase db)
      throws Exception {
    EngineSettings settings = EngineSettings.defaults().withPlaceholders(Map.of("table", "people"));
    Bundle first =
        bundle(
            "V1__a.sql", "CREATE TABLE ${table} (id INT, name VARCHAR(20));",
            "R__view.sql",
                "DROP VIEW IF EXISTS people_names;\nCREATE VIEW people_names AS SELECT name FROM people;");
    try (MigrationEngine engine = open(db, first, settings)) {
      assertThat(engine.upgrade(null, MigrationListener.NONE).ran()).hasSize(2);
      assertThat(db.tables()).contains("people");
    }
    Bundle changed =
        bundle(
            "V1__a.sql", "CREATE TABLE ${table} (id INT, name VARCHAR(20));",
            "R__view.sql",
                "DROP VIEW IF EXISTS people_names;\nCREATE VIEW people_names AS SELECT id, name FROM people;");
    try (MigrationEngine engine = open(db, changed, settings)) {
      assertThat(engine.inspect().status().pending())
          .extracting(PendingMigration::script)
          .containsExactly("R__view.sql");
      assertThat(engine.upgrade(null, MigrationListener.NONE).ran())
          .extracting(AppliedMigration::script)
          .containsExactly("R__view.sql");
      db.execute("INSERT INTO people (id, name) VALUES (7, 'ada')");
      assertThat(db.queryOne("SELECT id FROM people_names").toString()).isEqualTo("7");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void repairAndDowngradeRefuseABundleThatLacksAppliedScripts(TestDatabase db) throws Exception {
    applyAll(
        db,
        bundle("V1__a.sql", "CREATE TABLE t1 (id INT);", "V2__b.sql", "CREATE TABLE t2 (id INT);"));
    try (MigrationEngine engine = open(db, bundle("V1__a.sql", "CREATE TABLE t1 (id INT);"))) {
      EngineException refused = failure(engine.maintenance()::repair);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused).hasMessageContaining("V2__b.sql");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("2");
      EngineException downgrade =
          failure(() -> engine.downgrade(DowngradeTarget.steps(1), MigrationListener.NONE));
      assertThat(downgrade.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(downgrade).hasMessageContaining("newer migrations than this bundle (V2__b.sql)");
      assertThat(db.tables()).contains("t1", "t2");
    }
  }

  @org.junit.jupiter.api.Test
  void aMissingDatabaseNamedInsideAScriptIsThatScriptsFailureWithItsLine() throws Exception {
    TestDatabase postgres = Databases.postgres();
    TestDatabase mariadb = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(mariadb);
    Map<TestDatabase, String> raising =
        Map.of(
            postgres,
            "CREATE TABLE t1 (id INT);\n"
                + "DO $$ BEGIN RAISE EXCEPTION 'no such database' USING ERRCODE = '3D000'; END $$;",
            mariadb,
            "CREATE TABLE t1 (id INT);\nUSE no_such_database_here;");
    for (Map.Entry<TestDatabase, String> entry : raising.entrySet()) {
      try (MigrationEngine engine = open(entry.getKey(), bundle("V1__a.sql", entry.getValue()))) {
        EngineException failed =
            catchThrowableOfType(
                EngineException.class, () -> engine.upgrade(null, MigrationListener.NONE));
        assertThat(failed.kind()).as(failed.getMessage()).isEqualTo(FailureKind.MIGRATION_FAILED);
        assertThat(failed.script()).isEqualTo("V1__a.sql");
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.getMessage()).startsWith("Migration V1__a.sql failed");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aMissingUndoScriptIsNamedAsTheBundlesNamingWantsIt() {
    Bundle bundle =
        bundle(
            "flyway.conf",
            "flyway.sqlMigrationSuffixes=.ddl\nflyway.undoSqlMigrationPrefix=N\n",
            "V1__a.ddl",
            "CREATE TABLE t1 (id INT);",
            "V1_1__b.ddl",
            "CREATE TABLE t2 (id INT);");
    TestDatabase db = Databases.h2();
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(),
            bundle,
            new EngineSettings.Builder().flyway(bundle.options()).build(),
            ConnectionSettings.DEFAULT)) {
      engine.upgrade(null, MigrationListener.NONE);
      EngineException refused =
          catchThrowableOfType(
              EngineException.class,
              () -> engine.downgrade(DowngradeTarget.steps(1), MigrationListener.NONE));
      assertThat(refused.getMessage())
          .contains("no undo script for N1_1__b.ddl (undoes V1_1__b.ddl)")
          .contains("add the missing undo scripts first");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aPlanRunsExactlyAsShownOrNotAtAll(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__b.sql", "CREATE TABLE t2 (id INT);",
            "V3__c.sql", "CREATE TABLE t3 (id INT);",
            "V4__d.sql", "CREATE TABLE t4 (id INT);");
    try (MigrationEngine engine = open(db, bundle)) {
      MigrationPlan shown = engine.plan("head");
      assertThat(shown.scripts())
          .containsExactly("V1__a.sql", "V2__b.sql", "V3__c.sql", "V4__d.sql");

      // Another run moves the history between the plan and its run: nothing of the plan runs.
      engine.upgrade("1", MigrationListener.NONE);
      EngineException stale =
          catchThrowableOfType(
              EngineException.class, () -> engine.apply(shown, MigrationListener.NONE));
      assertThat(stale.kind()).isEqualTo(FailureKind.PLAN_STALE);
      assertThat(stale.getMessage()).contains("changed since this plan was made");
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("1");
      // Its SQL is not printed either: what is shown is what would run.
      assertThat(catchThrowableOfType(EngineException.class, () -> engine.sql(shown)).kind())
          .isEqualTo(FailureKind.PLAN_STALE);

      // Planned again: a part of it (up to a held step) runs exactly its scripts.
      MigrationPlan again = engine.plan("head");
      RunReport partial = engine.apply(again.upTo("3"), MigrationListener.NONE);
      assertThat(partial.ran())
          .extracting(AppliedMigration::script)
          .containsExactly("V2__b.sql", "V3__c.sql");
      assertThat(db.tables()).contains("t3").doesNotContain("t4");
    }
    // The same history with another bundle: the plan made with the first is stale too.
    Bundle edited =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "V2__b.sql", "CREATE TABLE t2 (id INT);",
            "V3__c.sql", "CREATE TABLE t3 (id INT);",
            "V4__d.sql", "CREATE TABLE t4 (id INT, other INT);");
    MigrationPlan withFirst;
    try (MigrationEngine engine = open(db, bundle)) {
      withFirst = engine.plan("head");
    }
    try (MigrationEngine engine = open(db, edited)) {
      assertThat(
              catchThrowableOfType(
                      EngineException.class, () -> engine.apply(withFirst, MigrationListener.NONE))
                  .kind())
          .isEqualTo(FailureKind.PLAN_STALE);
      assertThat(db.tables()).doesNotContain("t4");
      assertThat(engine.apply(engine.plan("head"), MigrationListener.NONE).toVersion())
          .isEqualTo("4");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDowngradePlanRunsExactlyAsShownOrNotAtAll(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    Bundle bundle =
        bundle(
            "V1__a.sql", "CREATE TABLE t1 (id INT);",
            "U1__a.sql", "DROP TABLE t1;",
            "V2__b.sql", "CREATE TABLE t2 (id INT);",
            "U2__b.sql", "DROP TABLE t2;",
            "V3__c.sql", "CREATE TABLE t3 (id INT);",
            "U3__c.sql", "DROP TABLE t3;");
    try (MigrationEngine engine = open(db, bundle)) {
      engine.upgrade("2", MigrationListener.NONE);
      MigrationPlan back = engine.plan("1");
      assertThat(back.scripts()).containsExactly("U2__b.sql");
      engine.upgrade(null, MigrationListener.NONE);
      assertThat(
              catchThrowableOfType(
                      EngineException.class, () -> engine.apply(back, MigrationListener.NONE))
                  .kind())
          .isEqualTo(FailureKind.PLAN_STALE);
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
      MigrationPlan twoSteps = engine.plan(DowngradeTarget.steps(2));
      assertThat(twoSteps.toVersion()).isEqualTo("1");
      assertThat(twoSteps.scripts()).containsExactly("U3__c.sql", "U2__b.sql");
      assertThat(engine.plan(DowngradeTarget.steps(3)).toVersion()).isEqualTo("0");
      assertThat(engine.plan(DowngradeTarget.steps(4)).refusal())
          .hasValueSatisfying(r -> assertThat(r.message()).contains("Cannot go back 4 steps"));
      RunReport done = engine.apply(twoSteps, MigrationListener.NONE);
      assertThat(done.ran())
          .extracting(AppliedMigration::script)
          .containsExactly("U3__c.sql", "U2__b.sql");
    }
  }
}
