package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemagate.api.Approval;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.LintAction;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The act logic of a reconcile, by synchronous reconciles: the reconciler is called directly, as
 * JOSDK would call it, against the mock API server, with each resource's database an H2 database in
 * memory behind the engine seam ({@link H2Engines}). No operator loop, no waiting, no timing: each
 * test runs in milliseconds, and a test can move the history between observe and act.
 */
class ActStepsTest {
  private static final String NS = "apps";
  private static final String URL = "h2:mem:seam";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final H2Engines engines = new H2Engines();
  private final List<Pod> pods = new ArrayList<>();
  private KubernetesClient client;
  private DatabaseMigrationReconciler reconciler;

  @BeforeEach
  void start() {
    client = api.client();
    reconciler = reconcilerWith(OperatorHarness.fastSettings());
  }

  private DatabaseMigrationReconciler reconcilerWith(OperatorSettings settings) {
    DatabaseMigrationReconciler made =
        new DatabaseMigrationReconciler(client, settings, registry, engines);
    made.rolloutPods().use(namespace -> List.copyOf(pods));
    return made;
  }

  @AfterEach
  void stop() throws Exception {
    reconciler.close();
    engines.close();
  }

  private DatabaseMigration create(String name, Map<String, String> scripts) {
    return create(name, scripts, r -> {});
  }

  private DatabaseMigration create(
      String name, Map<String, String> scripts, Consumer<DatabaseMigration> change) {
    DatabaseMigration resource = OperatorHarness.inline(NS, name, URL, scripts);
    change.accept(resource);
    return client.resource(resource).create();
  }

  private DatabaseMigration get(String name) {
    return client.resources(DatabaseMigration.class).inNamespace(NS).withName(name).get();
  }

  private DatabaseMigration edit(String name, Consumer<DatabaseMigration> change) {
    return OperatorHarness.edit(client, NS, name, change);
  }

  private UpdateControl<DatabaseMigration> reconcileOnce(String name) {
    return reconciler.reconcile(get(name), null);
  }

  private DatabaseMigration reconcile(String name) {
    reconcileOnce(name);
    return get(name);
  }

  private static String reason(DatabaseMigration resource) {
    return condition(resource).getReason();
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(DatabaseMigration resource) {
    return OperatorHarness.condition(resource, "Ready").orElseThrow();
  }

  private List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }

  private TestDatabase db(String name) {
    return engines.database(NS + "/" + name);
  }

  private static Map<String, String> scripts(String... namesAndSql) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSql.length; i += 2) {
      scripts.put(namesAndSql[i], namesAndSql[i + 1]);
    }
    return scripts;
  }

  private static final Map<String, String> TWO =
      scripts("V1__a.sql", "CREATE TABLE a (id INT);", "V2__b.sql", "CREATE TABLE b (id INT);");

  @Test
  void aPlanIsAppliedAndTheResourceIsReadyAtItsVersion() throws Exception {
    create("plain", TWO);
    DatabaseMigration applied = reconcile("plain");
    assertThat(reason(applied)).isEqualTo("Applied");
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(applied.getStatus().pendingCount).isZero();
    assertThat(db("plain").tables()).contains("a", "b");
    assertThat(engines.calls()).containsSubsequence("plan", "apply", "inspect");
  }

  @Test
  void anUnchangedHistoryIsRecheckedFromItsFingerprintAlone() {
    create("settled", TWO);
    reconcile("settled");
    // The reconcile after a run verifies the state it left; from then on a fingerprint suffices.
    reconcile("settled");
    engines.clearCalls();
    DatabaseMigration again = reconcile("settled");
    assertThat(reason(again)).isEqualTo("Applied");
    assertThat(engines.calls()).containsExactly("fingerprint", "close");
  }

  @Test
  void aHistoryMovedBetweenObserveAndActRunsNothingAndIsPlannedAgain() throws Exception {
    create("raced", TWO);
    // Another run (a second operator, a person with the command line) applies V1 after this
    // reconcile planned V1 and V2 and before it applies them.
    engines.before("apply", other -> other.upgrade("1", MigrationListener.NONE));
    DatabaseMigration raced = reconcile("raced");
    assertThat(reason(raced)).isEqualTo("Migrating");
    assertThat(condition(raced).getMessage()).contains("changed since this plan was made");
    assertThat(db("raced").tables()).contains("a").doesNotContain("b");
    // The status shows the history the other run left, not the one this reconcile planned from.
    assertThat(raced.getStatus().appliedVersion).isEqualTo("1");

    DatabaseMigration next = reconcile("raced");
    assertThat(reason(next)).isEqualTo("Applied");
    assertThat(next.getStatus().appliedVersion).isEqualTo("2");
  }

  @Test
  void anApprovalCoversExactlyItsPlanAndABundleChangedSinceAsksAgain() throws Exception {
    create("approved", TWO, r -> r.getSpec().policy.approval = Approval.Manual);
    DatabaseMigration waiting = reconcile("approved");
    assertThat(reason(waiting)).isEqualTo("ApprovalPending");
    String first = waiting.getStatus().plan.id;
    assertThat(first).hasSize(12);
    assertThat(waiting.getStatus().plan.direction).isEqualTo("Upgrade");
    assertThat(waiting.getStatus().pendingCount).isEqualTo(2);
    assertThat(waiting.getStatus().plan.scripts).containsExactly("V1__a.sql", "V2__b.sql");
    // The SQL shown is the SQL of the plan observed, in the order it runs.
    assertThat(waiting.getStatus().plan.sql)
        .contains("CREATE TABLE a (id INT);", "CREATE TABLE b (id INT);");
    assertThat(db("approved").tables()).doesNotContain("a", "b");

    // The approval arrives together with a bundle that changed after it was given.
    edit(
        "approved",
        r -> {
          r.getMetadata().setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, first));
          r.getSpec().source.inline.put("V3__c.sql", "CREATE TABLE c (id INT);");
        });
    DatabaseMigration again = reconcile("approved");
    assertThat(reason(again)).isEqualTo("ApprovalPending");
    assertThat(again.getStatus().plan.id).isNotEqualTo(first);
    assertThat(again.getStatus().plan.scripts).endsWith("V3__c.sql");
    assertThat(db("approved").tables()).doesNotContain("a", "b", "c");

    String second = again.getStatus().plan.id;
    edit(
        "approved",
        r -> r.getMetadata().setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, second)));
    DatabaseMigration applied = reconcile("approved");
    assertThat(reason(applied)).isEqualTo("Applied");
    assertThat(applied.getStatus().appliedVersion).isEqualTo("3");
    assertThat(applied.getStatus().lastApproval).isEqualTo(second);
    assertThat(applied.getStatus().plan).isNull();
  }

  @Test
  void aWrongApprovalChangesNothing() throws Exception {
    create("manual", TWO, r -> r.getSpec().policy.approval = Approval.Manual);
    String planId = reconcile("manual").getStatus().plan.id;
    edit(
        "manual",
        r ->
            r.getMetadata()
                .setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, "not-the-plan")));
    DatabaseMigration still = reconcile("manual");
    assertThat(reason(still)).isEqualTo("ApprovalPending");
    assertThat(still.getStatus().plan.id).isEqualTo(planId);
    assertThat(condition(still).getMessage()).contains(planId);
    assertThat(db("manual").tables()).doesNotContain("a", "b");
    assertThat(eventReasons("manual")).containsOnlyOnce("ApprovalPending");
  }

  @Test
  void aPinnedTargetStopsThereAndGoesBackOnlyWhenDowngradesAreAllowed() throws Exception {
    Map<String, String> undoable = new LinkedHashMap<>(TWO);
    undoable.put("U2__b.sql", "DROP TABLE b;");
    create("pinned", undoable, r -> r.getSpec().target = "1");
    DatabaseMigration atOne = reconcile("pinned");
    assertThat(atOne.getStatus().appliedVersion).isEqualTo("1");
    assertThat(atOne.getStatus().targetVersion).isEqualTo("1");
    assertThat(db("pinned").tables()).contains("a").doesNotContain("b");

    edit("pinned", r -> r.getSpec().target = "2");
    assertThat(reconcile("pinned").getStatus().appliedVersion).isEqualTo("2");

    edit("pinned", r -> r.getSpec().target = "1");
    DatabaseMigration refused = reconcile("pinned");
    assertThat(reason(refused)).isEqualTo("DowngradeNotAllowed");
    assertThat(condition(refused).getMessage()).contains("spec.policy.allowDowngrade is false");
    assertThat(OperatorHarness.condition(refused, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(db("pinned").tables()).contains("b");

    edit("pinned", r -> r.getSpec().policy.allowDowngrade = true);
    DatabaseMigration down = reconcile("pinned");
    assertThat(reason(down)).isEqualTo("Applied");
    assertThat(down.getStatus().appliedVersion).isEqualTo("1");
    assertThat(db("pinned").tables()).contains("a").doesNotContain("b");
    assertThat(eventReasons("pinned")).contains("MigrationUndone");
  }

  @Test
  void badSqlStallsNamingTheScriptAndLineAndTheFixWithARepairRecovers() throws Exception {
    create(
        "broken",
        scripts("V1__a.sql", "CREATE TABLE a (id INT);", "V2__b.sql", "-- the typo\nSELEC 1;\n"));
    DatabaseMigration stalled = reconcile("broken");
    assertThat(reason(stalled)).isEqualTo("MigrationFailed");
    assertThat(stalled.getStatus().failure.script).isEqualTo("V2__b.sql");
    assertThat(stalled.getStatus().failure.line).isEqualTo(2);
    assertThat(stalled.getStatus().failure.message)
        .contains("Migration V2__b.sql failed at line 2");
    assertThat(stalled.getStatus().appliedVersion).isEqualTo("1");
    assertThat(OperatorHarness.condition(stalled, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(eventReasons("broken")).containsOnlyOnce("MigrationFailed");
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains("V2__b.sql"));

    edit(
        "broken",
        r -> {
          r.getSpec().source.inline.put("V2__b.sql", "CREATE TABLE b (id INT);");
          r.getMetadata().setAnnotations(Map.of(DatabaseMigration.REPAIR_ANNOTATION, "fixed"));
        });
    DatabaseMigration fixed = reconcile("broken");
    assertThat(reason(fixed)).isEqualTo("Applied");
    assertThat(fixed.getStatus().appliedVersion).isEqualTo("2");
    assertThat(fixed.getStatus().failure).isNull();
  }

  @Test
  void aTransientFailureIsRetriedWithADoublingWaitAndAnnouncedOnce() {
    create("flaky", TWO);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      engines.fail(
          "plan", new EngineException(FailureKind.UNREACHABLE, "db.example:5432 did not answer"));
      waits.add(reconcileOnce("flaky").getScheduleDelay().orElseThrow());
    }
    DatabaseMigration retried = get("flaky");
    assertThat(reason(retried)).isEqualTo("DatabaseUnreachable");
    assertThat(retried.getStatus().failure.attempts).isEqualTo(3);
    assertThat(OperatorHarness.condition(retried, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(waits.get(1)).isEqualTo(2 * waits.get(0));
    assertThat(waits.get(2)).isEqualTo(2 * waits.get(1));
    assertThat(eventReasons("flaky")).containsOnlyOnce("DatabaseUnreachable");

    DatabaseMigration recovered = reconcile("flaky");
    assertThat(reason(recovered)).isEqualTo("Applied");
    assertThat(recovered.getStatus().failure).isNull();
  }

  @Test
  void aResetNeedsAllowCleanAndItsNameThenDropsAndAppliesInOneReconcile() throws Exception {
    create("resettable", TWO);
    reconcile("resettable");
    db("resettable").execute("INSERT INTO a VALUES (1)");

    edit(
        "resettable",
        r ->
            r.getMetadata()
                .setAnnotations(Map.of(DatabaseMigration.RESET_ANNOTATION, "another-resource")));
    DatabaseMigration misnamed = reconcile("resettable");
    assertThat(reason(misnamed)).isEqualTo("Refused");
    assertThat(condition(misnamed).getMessage()).contains("does not name this resource");

    edit(
        "resettable",
        r ->
            r.getMetadata()
                .setAnnotations(Map.of(DatabaseMigration.RESET_ANNOTATION, "resettable")));
    assertThat(condition(reconcile("resettable")).getMessage())
        .contains("spec.policy.allowClean is false");
    assertThat(db("resettable").queryOne("SELECT COUNT(*) FROM a").toString()).isEqualTo("1");

    edit("resettable", r -> r.getSpec().policy.allowClean = true);
    engines.clearCalls();
    DatabaseMigration reset = reconcile("resettable");
    assertThat(reason(reset)).isEqualTo("Applied");
    assertThat(reset.getStatus().lastReset).isEqualTo("resettable");
    assertThat(reset.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db("resettable").queryOne("SELECT COUNT(*) FROM a").toString()).isEqualTo("0");
    assertThat(engines.calls()).containsSubsequence("clean", "plan", "apply");
    reconcile("resettable");
    assertThat(eventReasons("resettable")).containsOnlyOnce("Reset");
  }

  @Test
  void anEditedScriptStallsUntilTheRepairAnnotationAcceptsIt() throws Exception {
    create("edited", TWO);
    reconcile("edited");
    edit(
        "edited",
        r -> r.getSpec().source.inline.put("V1__a.sql", "CREATE TABLE a (id INT);\n-- reviewed\n"));
    DatabaseMigration stalled = reconcile("edited");
    assertThat(reason(stalled)).isEqualTo("ChecksumMismatch");
    assertThat(stalled.getStatus().failure.script).isEqualTo("V1__a.sql");
    assertThat(condition(stalled).getMessage()).contains("schemagate.io/repair");

    edit(
        "edited",
        r ->
            r.getMetadata()
                .setAnnotations(Map.of(DatabaseMigration.REPAIR_ANNOTATION, "accept-review")));
    DatabaseMigration repaired = reconcile("edited");
    assertThat(reason(repaired)).isEqualTo("Applied");
    assertThat(repaired.getStatus().lastRepair).isEqualTo("accept-review");
    assertThat(eventReasons("edited")).containsOnlyOnce("Repaired");
  }

  private static Pod pod(String name, String migration, String requires) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .addToAnnotations(GateAnnotations.MIGRATION, migration)
        .addToAnnotations(GateAnnotations.REQUIRES_VERSION, requires)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("shop:" + requires)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  @Test
  void aContractStepWaitsForOlderPodsAfterTheScriptsBeforeItRan() throws Exception {
    create(
        "shop",
        scripts("V1__orders.sql", "CREATE TABLE orders (id INT, note VARCHAR(20), total INT);"),
        r -> r.getSpec().policy.holdContractSteps = true);
    reconcile("shop");
    pods.add(pod("shop-v1", "shop", "1"));
    edit(
        "shop",
        r -> {
          r.getSpec().source.inline.put("V2__total.sql", "CREATE TABLE totals (id INT);");
          r.getSpec()
              .source
              .inline
              .put("V3__drop_note.sql", "ALTER TABLE orders DROP COLUMN note;");
        });

    DatabaseMigration held = reconcile("shop");
    assertThat(reason(held)).isEqualTo("ContractStepHeld");
    assertThat(held.getStatus().appliedVersion).isEqualTo("2");
    assertThat(condition(held).getMessage())
        .contains("V3__drop_note.sql")
        .contains("waiting for shop-v1 (requires 1)");
    assertThat(db("shop").tables()).contains("totals");
    assertThat(
            db("shop")
                .queryOne(
                    "SELECT COUNT(*) FROM information_schema.columns"
                        + " WHERE table_name = 'ORDERS' AND column_name = 'NOTE'")
                .toString())
        .isEqualTo("1");
    reconcile("shop");
    assertThat(eventReasons("shop")).containsOnlyOnce("ContractStepHeld");

    // The old release is gone: the contract step runs.
    pods.clear();
    pods.add(pod("shop-v3", "shop", "3"));
    DatabaseMigration done = reconcile("shop");
    assertThat(reason(done)).isEqualTo("Applied");
    assertThat(done.getStatus().appliedVersion).isEqualTo("3");
  }

  @Test
  void aPlanTheLintRefusesIsShownWithItsSqlAndNothingRuns() throws Exception {
    create(
        "refused",
        scripts("V1__a.sql", "CREATE TABLE a (id INT, x INT);"),
        r -> r.getSpec().policy.lint.action = LintAction.Refuse);
    reconcile("refused");
    db("refused").execute("INSERT INTO a VALUES (1, 1)");
    edit("refused", r -> r.getSpec().source.inline.put("V2__b.sql", "UPDATE a SET x = 0;"));
    DatabaseMigration refused = reconcile("refused");
    assertThat(reason(refused)).isEqualTo("LintRefused");
    assertThat(refused.getStatus().plan.findings)
        .extracting(f -> f.rule)
        .contains("update-without-where");
    assertThat(refused.getStatus().plan.sql).contains("UPDATE a SET x = 0;");
    assertThat(refused.getStatus().appliedVersion).isEqualTo("1");
    assertThat(db("refused").queryOne("SELECT x FROM a").toString()).isEqualTo("1");
  }

  @Test
  void anApplicationRollbackLeavesTheDatabaseAheadAndReady() throws Exception {
    create("rolled", TWO);
    reconcile("rolled");
    edit("rolled", r -> r.getSpec().source.inline.remove("V2__b.sql"));
    DatabaseMigration ahead = reconcile("rolled");
    assertThat(reason(ahead)).isEqualTo("AheadOfBundle");
    assertThat(condition(ahead).getStatus()).isEqualTo("True");
    assertThat(ahead.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db("rolled").tables()).contains("b");
  }

  @Test
  void aSuspendedResourceOpensNoEngine() {
    create("paused", TWO, r -> r.getSpec().suspend = true);
    DatabaseMigration suspended = reconcile("paused");
    assertThat(reason(suspended)).isEqualTo("Suspended");
    assertThat(condition(suspended).getStatus()).isEqualTo("False");
    assertThat(engines.calls()).isEmpty();

    edit("paused", r -> r.getSpec().suspend = false);
    assertThat(reconcile("paused").getStatus().appliedVersion).isEqualTo("2");
  }

  @Test
  void aResourceWaitsForItsNamespacesSlotAndSaysForWhom() throws Exception {
    reconciler.close();
    reconciler =
        reconcilerWith(
            OperatorHarness.fastSettings().toBuilder()
                .tenants(OperatorHarness.fastSettings().tenants().withMaxRunningPerNamespace(1))
                .build());
    create("first", TWO);
    create("second", TWO);
    // While the first one plans, holding the namespace's only slot, the second one is reconciled.
    List<DatabaseMigration> seenMeanwhile = new ArrayList<>();
    engines.before("plan", other -> seenMeanwhile.add(reconcile("second")));
    assertThat(reason(reconcile("first"))).isEqualTo("Applied");
    assertThat(reason(seenMeanwhile.get(0))).isEqualTo("Queued");
    assertThat(condition(seenMeanwhile.get(0)).getMessage()).contains("first");
    assertThat(db("second").tables()).doesNotContain("a");

    assertThat(reason(reconcile("second"))).isEqualTo("Applied");
  }

  @Test
  void aFailureAfterPartOfThePlanShowsWhatWasApplied() throws Exception {
    create(
        "half",
        scripts(
            "V1__a.sql", "CREATE TABLE a (id INT);",
            "V2__b.sql", "CREATE TABLE b (id INT);",
            "V3__c.sql", "INSERT INTO nowhere VALUES (1);"));
    DatabaseMigration failed = reconcile("half");
    assertThat(reason(failed)).isEqualTo("MigrationFailed");
    assertThat(failed.getStatus().failure.script).isEqualTo("V3__c.sql");
    assertThat(failed.getStatus().appliedVersion).isEqualTo("2");
  }
}
