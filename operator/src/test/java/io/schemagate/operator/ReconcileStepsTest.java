package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemagate.api.Approval;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Synchronous reconciles: the reconciler is called directly, as JOSDK would call it, against the
 * mock API server and a real PostgreSQL, with no operator loop, no informer and no waiting. Among
 * them, a bundle's flyway.conf and the resource's spec.flyway.
 */
class ReconcileStepsTest {
  private static final String NS = "apps";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;
  private DatabaseMigrationReconciler reconciler;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    client = api.client();
    reconciler = new DatabaseMigrationReconciler(client, OperatorHarness.fastSettings(), registry);
  }

  @AfterEach
  void stop() {
    reconciler.close();
  }

  private DatabaseMigration create(String name, TestDatabase db, Map<String, String> scripts) {
    DatabaseMigration resource = OperatorHarness.inline(NS, name, db.url(), scripts);
    return client.resource(resource).create();
  }

  private DatabaseMigration reconcile(DatabaseMigration resource) {
    reconciler.reconcile(resource, null);
    return client
        .resources(DatabaseMigration.class)
        .inNamespace(NS)
        .withName(resource.getMetadata().getName())
        .get();
  }

  private static String reason(DatabaseMigration resource) {
    return OperatorHarness.condition(resource, "Ready").orElseThrow().getReason();
  }

  private List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }

  @Test
  void aResetDropsTheSchemaExactlyOnceEvenWhenTheNextReconcileSeesTheOldStatus() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration resource =
        OperatorHarness.inline(
            NS, "resettable", db.url(), Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);"));
    resource.getSpec().policy.allowClean = true;
    resource.getMetadata().setAnnotations(Map.of(DatabaseMigration.RESET_ANNOTATION, "resettable"));
    // The copy an informer holds before it sees any status write: every reconcile below gets it.
    DatabaseMigration stale = client.resource(resource).create();

    DatabaseMigration first = reconcile(stale);
    assertThat(reason(first)).isEqualTo("Applied");
    assertThat(first.getStatus().lastReset).isEqualTo("resettable");
    db.execute("INSERT INTO notes VALUES (1)");

    // A ConfigMap, Secret or timer event starts the next reconcile before the watch event of the
    // status write arrives: the resource still shows no lastReset.
    assertThat(stale.getStatus() == null ? null : stale.getStatus().lastReset).isNull();
    DatabaseMigration second = reconcile(stale);
    reconcile(stale);

    assertThat(reason(second)).isEqualTo("Applied");
    assertThat(db.queryOne("SELECT count(*) FROM notes")).isEqualTo(1L);
    assertThat(eventReasons("resettable")).containsOnlyOnce("Reset");
  }

  @Test
  void aPlansFindingsAreCountedByRuleAndAnnouncedOncePerPlan() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created =
        create(
            "linted",
            db,
            Map.of("V1__orders.sql", "CREATE TABLE orders (id INT, total INT, note TEXT);"));
    assertThat(reason(reconcile(created))).isEqualTo("Applied");
    DatabaseMigration edited =
        client
            .resources(DatabaseMigration.class)
            .inNamespace(NS)
            .withName("linted")
            .edit(
                r -> {
                  r.getSpec().policy.lint.action = io.schemagate.api.LintAction.RequireApproval;
                  r.getSpec()
                      .source
                      .inline
                      .put(
                          "V2__tidy.sql",
                          "CREATE INDEX orders_total ON orders (total);\n"
                              + "ALTER TABLE orders DROP COLUMN note;\n"
                              + "UPDATE orders SET total = 0;");
                  return r;
                });

    DatabaseMigration waiting = reconcile(edited);
    reconcile(edited);
    reconcile(edited);

    assertThat(reason(waiting)).isEqualTo("ApprovalPending");
    assertThat(waiting.getStatus().plan.findings)
        .extracting(f -> f.rule)
        .containsExactly(
            "index-without-concurrently",
            "drop-column",
            "update-without-where",
            "ddl-and-data-in-one-transaction");
    assertThat(waiting.getStatus().plan.contractSteps)
        .extracting(c -> c.version)
        .containsExactly("2");
    assertThat(eventReasons("linted")).containsOnlyOnce("LintFindings");
    for (String rule : List.of("index-without-concurrently", "drop-column")) {
      assertThat(
              registry
                  .get("schemagate.lint.findings")
                  .tags("namespace", NS, "name", "linted", "rule", rule, "severity", "warning")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void aManualPlanIsShownThenAppliedOnceApproved() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration resource =
        OperatorHarness.inline(
            NS,
            "approved",
            db.url(),
            Map.of(
                "V1__a.sql", "CREATE TABLE a (id INT);", "V2__b.sql", "CREATE TABLE b (id INT);"));
    resource.getSpec().policy.approval = Approval.Manual;
    DatabaseMigration created = client.resource(resource).create();

    DatabaseMigration waiting = reconcile(created);
    assertThat(reason(waiting)).isEqualTo("ApprovalPending");
    assertThat(OperatorHarness.condition(waiting, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    DatabaseMigrationStatus status = waiting.getStatus();
    assertThat(status.plan.scripts).containsExactly("V1__a.sql", "V2__b.sql");
    // The plan shows its SQL as `upgrade --sql` prints it: history table, scripts, history rows.
    assertThat(status.plan.sql)
        .contains("CREATE TABLE \"public\".\"flyway_schema_history\"")
        .contains("CREATE TABLE a (id INT);", "CREATE TABLE b (id INT);")
        .contains("'V2__b.sql'");
    assertThat(status.plan.sql.indexOf("CREATE TABLE a"))
        .isLessThan(status.plan.sql.indexOf("CREATE TABLE b"));
    assertThat(db.tables()).doesNotContain("a", "b");
    assertThat(reconcile(waiting).getStatus().plan.sql).isEqualTo(status.plan.sql);
    assertThat(eventReasons("approved")).containsOnlyOnce("ApprovalPending");

    waiting
        .getMetadata()
        .setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, status.plan.id));
    DatabaseMigration approved = client.resource(waiting).update();
    DatabaseMigration applied = reconcile(approved);
    assertThat(reason(applied)).isEqualTo("Applied");
    assertThat(applied.getStatus().plan).isNull();
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.tables()).contains("a", "b");
  }

  /** The resource named {@code name} with {@code change} made to it on the server. */
  private DatabaseMigration edit(
      String name, java.util.function.Consumer<DatabaseMigration> change) {
    return OperatorHarness.edit(client, NS, name, change);
  }

  private DatabaseMigration approve(String name, String value) {
    return edit(
        name,
        r -> r.getMetadata().setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, value)));
  }

  @Test
  void anApprovalCoversThePlaceholdersAndTheDatabaseItWasGivenForAndRunsOnce() throws Exception {
    TestDatabase staging = Databases.postgres();
    TestDatabase production = Databases.postgres();
    DatabaseMigration resource =
        OperatorHarness.inline(
            NS,
            "reviewed",
            staging.url(),
            Map.of("V1__t.sql", "CREATE TABLE t_${suffix} (id INT);"));
    resource.getSpec().policy.approval = Approval.Manual;
    resource.getSpec().flyway.placeholders.put("suffix", "reviewed");
    DatabaseMigration waiting = reconcile(client.resource(resource).create());
    String reviewed = waiting.getStatus().plan.id;
    assertThat(waiting.getStatus().plan.sql).contains("CREATE TABLE t_reviewed");

    // The approval names the plan with one placeholder value; another value is another plan.
    approve("reviewed", reviewed);
    DatabaseMigration swapped =
        reconcile(edit("reviewed", r -> r.getSpec().flyway.placeholders.put("suffix", "swapped")));
    assertThat(reason(swapped)).isEqualTo("ApprovalPending");
    assertThat(swapped.getStatus().plan.id).isNotEqualTo(reviewed);
    assertThat(swapped.getStatus().plan.sql)
        .contains("CREATE TABLE t_swapped")
        .doesNotContain("t_reviewed");
    assertThat(staging.tables()).doesNotContain("t_swapped", "t_reviewed");

    // The same scripts and settings against another database are another plan too.
    DatabaseMigration moved =
        reconcile(
            edit(
                "reviewed",
                r -> {
                  r.getSpec().flyway.placeholders.put("suffix", "reviewed");
                  r.getSpec().database.url = production.url();
                }));
    assertThat(reason(moved)).isEqualTo("ApprovalPending");
    assertThat(moved.getStatus().plan.id).isNotEqualTo(reviewed);
    assertThat(production.tables()).doesNotContain("t_reviewed", "flyway_schema_history");

    DatabaseMigration applied =
        reconcile(edit("reviewed", r -> r.getSpec().database.url = staging.url()));
    assertThat(reason(applied)).isEqualTo("Applied");
    assertThat(applied.getStatus().lastApproval).isEqualTo(reviewed);
    assertThat(staging.tables()).contains("t_reviewed");

    // The database goes back (a restore); the approval left in place does not run the plan again.
    staging.execute("DROP TABLE t_reviewed");
    staging.execute("DROP TABLE flyway_schema_history");
    DatabaseMigration again = reconcile(applied);
    assertThat(reason(again)).isEqualTo("ApprovalPending");
    assertThat(again.getStatus().plan.id).isEqualTo(reviewed);
    assertThat(staging.tables()).doesNotContain("t_reviewed");
    assertThat(reason(reconcile(approve("reviewed", reviewed + "@again")))).isEqualTo("Applied");
    assertThat(staging.tables()).contains("t_reviewed");
  }

  @Test
  void everyTextOfTheStatusIsMaskedBeforeItIsWritten() throws Exception {
    TestDatabase db = Databases.postgres();
    String password = "Zq7-contract-secret";
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("login")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("username", "postgres")
                .addToStringData("password", password)
                .build())
        .create();
    DatabaseMigration resource =
        OperatorHarness.inline(
            NS,
            "masked",
            db.url().replace("postgres@", ""),
            Map.of(
                "V1__rotate.sql",
                "-- schemagate:contract retires the old login, whose password was "
                    + password
                    + "\nALTER TABLE IF EXISTS legacy DROP COLUMN token;"));
    resource.getSpec().database.credentialsSecret = new io.schemagate.api.CredentialsSecret();
    resource.getSpec().database.credentialsSecret.name = "login";
    resource.getSpec().policy.approval = Approval.Manual;

    DatabaseMigration waiting = reconcile(client.resource(resource).create());

    assertThat(reason(waiting)).isEqualTo("ApprovalPending");
    assertThat(waiting.getStatus().plan.contractSteps.get(0).why)
        .isEqualTo("declared: retires the old login, whose password was ***");
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(waiting.getStatus()))
        .doesNotContain(password);
  }

  @Test
  void aHistoryGrownByHandStallsAsHistoryTooLargeWithoutBeingRead() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created =
        create("bloated", db, Map.of("V1__a.sql", "CREATE TABLE a (id INT);"));
    assertThat(reason(reconcile(created))).isEqualTo("Applied");
    db.execute("ALTER TABLE flyway_schema_history ALTER COLUMN description TYPE TEXT");
    db.execute("UPDATE flyway_schema_history SET description = repeat('x', 5 * 1024 * 1024)");

    DatabaseMigration refused =
        reconcile(
            edit(
                "bloated",
                r -> r.getSpec().source.inline.put("V2__b.sql", "CREATE TABLE b (id INT);")));

    assertThat(reason(refused)).isEqualTo("HistoryTooLarge");
    assertThat(OperatorHarness.condition(refused, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(refused.getStatus().failure.message)
        .contains("flyway_schema_history is too large to read")
        .contains("(--max-history-size)");
    assertThat(refused.getStatus().appliedVersion).isEqualTo("1");
    assertThat(db.tables()).doesNotContain("b");
  }

  @Test
  void aSecondResourceOnTheSameHistoryIsToldWhoseItIsAndNotOfferedARepair() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration owner =
        create("orders", db, Map.of("V1__orders.sql", "CREATE TABLE orders (id INT);"));
    assertThat(reason(reconcile(owner))).isEqualTo("Applied");

    DatabaseMigration other =
        OperatorHarness.inline(
            "team-b",
            "billing",
            db.url(),
            Map.of("V1__billing.sql", "CREATE TABLE bills (id INT);"));
    DatabaseMigration created = client.resource(other).create();
    reconciler.reconcile(created, null);
    DatabaseMigration refused =
        client.resources(DatabaseMigration.class).inNamespace("team-b").withName("billing").get();

    assertThat(reason(refused)).isEqualTo("Refused");
    assertThat(refused.getStatus().failure.message)
        .contains("is also used by DatabaseMigration apps/orders")
        .doesNotContain("schemagate.io/repair");
    assertThat(db.tables()).doesNotContain("bills");
  }

  @Test
  void anApplicationRollbackLeavesTheDatabaseAheadAndReadyAsAheadOfBundle() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created =
        create(
            "rolled-back",
            db,
            Map.of(
                "V1__a.sql", "CREATE TABLE a (id INT);",
                "V2__b.sql", "CREATE TABLE b (id INT);",
                "V3__c.sql", "CREATE TABLE c (id INT);"));
    assertThat(reason(reconcile(created))).isEqualTo("Applied");

    // GitOps rolls the application back: the previous release's bundle, without V3.
    DatabaseMigration previous =
        reconcile(edit("rolled-back", r -> r.getSpec().source.inline.remove("V3__c.sql")));

    assertThat(reason(previous)).isEqualTo("AheadOfBundle");
    assertThat(OperatorHarness.condition(previous, "Ready").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(OperatorHarness.condition(previous, "Ready").orElseThrow().getMessage())
        .startsWith("The database is at version 3, ahead of the bundle's head 2");
    assertThat(previous.getStatus().appliedVersion).isEqualTo("3");
    assertThat(previous.getStatus().failure).isNull();
    assertThat(db.tables()).contains("c");
  }

  @Test
  void aReleaseThatAddsABaselineScriptRunsTheVScriptsAboveTheAppliedVersion() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created =
        create(
            "squashed",
            db,
            Map.of(
                "V1_0__a.sql", "CREATE TABLE a (id INT);",
                "V1_12_37__b.sql", "CREATE TABLE b (id INT);"));
    assertThat(reason(reconcile(created))).isEqualTo("Applied");

    DatabaseMigration next =
        reconcile(
            edit(
                "squashed",
                r -> {
                  r.getSpec().source.inline.put("V1_20_0__c.sql", "CREATE TABLE c (id INT);");
                  r.getSpec()
                      .source
                      .inline
                      .put(
                          "B1_20_0__all.sql",
                          "CREATE TABLE a (id INT); CREATE TABLE b (id INT);"
                              + " CREATE TABLE c (id INT);");
                  r.getSpec().source.inline.put("V1_21_0__d.sql", "CREATE TABLE d (id INT);");
                }));

    assertThat(reason(next)).isEqualTo("Applied");
    assertThat(next.getStatus().appliedVersion).isEqualTo("1.21.0");
    assertThat(db.tables()).contains("c", "d");
  }

  @Test
  void aFailureCountsItsAttemptsAcrossReconcilesThatSeeTheOldStatus() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created =
        create("broken", db, Map.of("V1__a.sql", "CREATE TABLE a (id INT);\nSELEC 1;\n"));
    DatabaseMigration first = reconcile(created);
    assertThat(reason(first)).isEqualTo("MigrationFailed");
    assertThat(first.getStatus().failure.line).isEqualTo(2);
    assertThat(OperatorHarness.condition(first, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    DatabaseMigration second = reconcile(created);
    assertThat(second.getStatus().failure.attempts).isEqualTo(2);
    assertThat(eventReasons("broken")).containsOnlyOnce("MigrationFailed");
  }

  @Test
  void anUnexpectedExceptionEndsInAStatusWithoutItsSecrets() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration created = create("odd", db, Map.of("V1__a.sql", "CREATE TABLE a (id INT);"));
    reconciler.updateErrorStatus(
        created, null, new IllegalStateException("the API server went away"));
    DatabaseMigration failed =
        client.resources(DatabaseMigration.class).inNamespace(NS).withName("odd").get();
    assertThat(reason(failed)).isEqualTo("UnexpectedError");
    assertThat(failed.getStatus().failure.message)
        .isEqualTo("Reconcile failed: IllegalStateException: the API server went away");
    assertThat(OperatorHarness.condition(failed, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    // The reason metric says so too, so the alert on a lasting UnexpectedError can fire.
    assertThat(reasonSeries("odd")).containsExactly("UnexpectedError");

    assertThat(reason(reconcile(created))).isEqualTo("Applied");
    assertThat(reasonSeries("odd")).containsExactly("Applied");
  }

  private List<String> reasonSeries(String name) {
    return registry.find("schemagate.migration.reason").tag("name", name).gauges().stream()
        .map(g -> g.getId().getTag("reason"))
        .toList();
  }

  // A bundle's flyway.conf and the resource's spec.flyway: the file applies, spec.flyway
  // overrides it, and a refused setting names where it was written.

  private DatabaseMigration edit(
      DatabaseMigration resource, java.util.function.Consumer<DatabaseMigration> change) {
    return OperatorHarness.edit(client, NS, resource.getMetadata().getName(), change);
  }

  private static String readyLine(DatabaseMigration resource) {
    var condition = OperatorHarness.condition(resource, "Ready").orElseThrow();
    return condition.getReason() + ": " + condition.getMessage();
  }

  @Test
  void theBundlesFlywayConfAppliesAndSpecFlywayOverridesIt() throws Exception {
    TestDatabase db = Databases.postgres();
    Map<String, String> scripts = new LinkedHashMap<>();
    scripts.put("flyway.conf", "flyway.table=app_history\nflyway.sqlMigrationPrefix=M\n");
    scripts.put("M1__notes.sql", "CREATE TABLE notes (id INT);");
    scripts.put("M2__first.sql", "INSERT INTO notes VALUES (1);");
    DatabaseMigration resource =
        client.resource(OperatorHarness.inline(NS, "from-flyway", db.url(), scripts)).create();
    assertThat(readyLine(reconcile(resource))).startsWith("Applied");
    assertThat(db.queryOne("SELECT count(*) FROM app_history")).isEqualTo(2L);

    // M2 is deleted after it ran: drift, until spec.flyway lets missing rows pass.
    DatabaseMigration edited =
        edit(
            resource,
            r -> {
              r.getSpec().source.inline.remove("M2__first.sql");
              r.getSpec().source.inline.put("M3__second.sql", "INSERT INTO notes VALUES (2);");
            });
    assertThat(readyLine(reconcile(edited))).contains("M2__first.sql").contains("*:missing");
    edited = edit(edited, r -> r.getSpec().flyway.ignoreMigrationPatterns = List.of("*:missing"));
    assertThat(readyLine(reconcile(edited))).startsWith("Applied");
    assertThat(db.queryOne("SELECT count(*) FROM notes")).isEqualTo(2L);
  }

  @Test
  void aRefusedSettingNamesWhereItWasWritten() {
    TestDatabase db = Databases.postgres();
    DatabaseMigration inSpec =
        OperatorHarness.inline(NS, "bad-spec", db.url(), Map.of("V1__a.sql", "SELECT 1;"));
    inSpec.getSpec().flyway.encoding = "latin-99";
    inSpec = client.resource(inSpec).create();
    assertThat(readyLine(reconcile(inSpec)))
        .startsWith("InvalidSpec: spec.flyway.encoding: 'latin-99' is not an encoding");

    DatabaseMigration inFile =
        OperatorHarness.inline(
            NS,
            "bad-file",
            db.url(),
            Map.of("V1__a.sql", "SELECT 1;", "flyway.conf", "flyway.callbacks=com.example.Spy"));
    inFile = client.resource(inFile).create();
    assertThat(readyLine(reconcile(inFile)))
        .startsWith("SourceInvalid")
        .contains("flyway.conf flyway.callbacks: not supported, because it loads Java classes");
  }
}
