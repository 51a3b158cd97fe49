package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.TimeoutsSpec;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One tenant's migrations, on the real operator loop against real PostgreSQL, never cost another
 * tenant anything: lock waits and runs end at their limits with their own reasons, stuck migrations
 * of one namespace delay neither another namespace nor any pod's release, and deleting a stuck
 * resource ends its statement on the server.
 */
@LiveOperator
class TenantIsolationTest {
  private static final String SLEEPING =
      "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
          + " AND query LIKE '%pg_sleep(3600)%' AND pid <> pg_backend_pid() AND datname = current_database()";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;
  private OperatorHarness harness;

  @BeforeEach
  void client() {
    client = api.client();
  }

  private TestDatabase db;

  /**
   * Ends whatever a failed test left sleeping, so that one failure stays one: the tests that pass
   * end their statements through the operator and assert it.
   */
  @AfterEach
  void stop() throws Exception {
    if (db != null) {
      db.queryOne(
          "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
              + " WHERE query LIKE '%pg_sleep(3600)%' AND pid <> pg_backend_pid()"
              + " AND datname = current_database()");
    }
  }

  private void start(int threads, int perNamespace) throws Exception {
    harness = api.restart(OperatorHarness.settings(threads, perNamespace));
  }

  private static DatabaseMigration stuck(String namespace, String name, TestDatabase db) {
    DatabaseMigration resource =
        OperatorHarness.inline(
            namespace, name, db.url(), Map.of("V1__stuck.sql", "SELECT pg_sleep(3600);"));
    resource.getSpec().database.schemas = List.of(name.replace('-', '_'));
    return resource;
  }

  private void deleteAndAwaitNoStatement(TestDatabase db, String namespace, List<String> names) {
    for (String name : names) {
      client.resources(DatabaseMigration.class).inNamespace(namespace).withName(name).delete();
    }
    db.awaitCount(SLEEPING, n -> n == 0, Duration.ofSeconds(30));
  }

  @Test
  void aLockWaitEndsWithItsOwnReasonNamingTheBlockerAndIsRetriedUntilItApplies() throws Exception {
    start(4, 4);
    db = Databases.postgres();
    DatabaseMigration resource =
        OperatorHarness.inline(
            "shop", "orders", db.url(), Map.of("V1__orders.sql", "CREATE TABLE orders (id INT);"));
    resource.getSpec().timeouts = new TimeoutsSpec();
    resource.getSpec().timeouts.lockWait = "1s";
    harness.apply(resource);
    harness.awaitReason("shop", "orders", Reason.Applied);

    try (Connection blocker = db.connect();
        Statement statement = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      statement.execute("LOCK TABLE orders IN ACCESS SHARE MODE");
      long pid;
      try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      DatabaseMigration current = harness.get("shop", "orders");
      current
          .getSpec()
          .source
          .inline
          .put("V2__note.sql", "ALTER TABLE orders ADD COLUMN note TEXT;");
      client.resource(current).update();

      DatabaseMigration waiting = harness.awaitReason("shop", "orders", Reason.LockWaitTimeout);
      assertThat(waiting.getStatus().failure.message)
          .contains("V2__note.sql")
          .contains("lock wait timeout of 1 s")
          .contains("likely held by session " + pid)
          .contains("rolled back");
      assertThat(OperatorHarness.condition(waiting, "Reconciling").orElseThrow().getStatus())
          .isEqualTo("True");
      assertThat(OperatorHarness.condition(waiting, "Stalled").orElseThrow().getStatus())
          .isEqualTo("False");
      blocker.rollback();
    }
    DatabaseMigration applied =
        harness.awaitResource("shop", "orders", r -> "2".equals(r.getStatus().appliedVersion));
    assertThat(applied.getStatus().failure).isNull();
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'schemagate'"
                        + " AND (state = 'active' OR wait_event_type = 'Lock')"
                        + " AND pid <> pg_backend_pid()")
                .toString())
        .as("no schemagate session is left working or waiting")
        .isEqualTo("0");
  }

  @Test
  void aMigrationPastItsDeadlineIsCancelledOnTheServerAndStalls() throws Exception {
    start(4, 4);
    db = Databases.postgres();
    DatabaseMigration resource = stuck("shop", "forever", db);
    resource.getSpec().timeouts = new TimeoutsSpec();
    // Far beyond the run's set-up, so the deadline always meets the script's own statement.
    resource.getSpec().timeouts.deadline = "5s";
    harness.apply(resource);
    DatabaseMigration late = harness.awaitReason("shop", "forever", Reason.DeadlineExceeded);
    assertThat(late.getStatus().failure.message)
        .contains("ran longer than its deadline of 5 s")
        .contains("V1__stuck.sql was cancelled on the server")
        .contains("rolled back");
    assertThat(OperatorHarness.condition(late, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    db.awaitCount(SLEEPING, n -> n == 0, Duration.ofSeconds(10));
  }

  @Test
  void twelveStuckMigrationsInOneNamespaceDoNotDelayAnotherAndDeletingThemEndsTheirStatements()
      throws Exception {
    start(4, 2);
    db = Databases.postgres();
    List<String> noisy = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      noisy.add("stuck-" + i);
      harness.apply(stuck("noisy", "stuck-" + i, db));
    }
    // Exactly the namespace's two slots run; the other ten wait without holding a thread.
    db.awaitCount(SLEEPING, n -> n == 2, Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(30)).until(() -> queued("noisy").size() == 10);
    assertThat(queued("noisy").get(0))
        .contains("Waits for one of the 2 migration slots of namespace noisy, held by stuck-")
        .contains("--max-running-per-namespace");

    harness.apply(
        OperatorHarness.inline(
            "quiet", "healthy", db.url(), Map.of("V1__quiet.sql", "CREATE TABLE quiet (id INT);")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                OperatorHarness.condition(harness.get("quiet", "healthy"), "Ready")
                    .map(c -> "True".equals(c.getStatus()))
                    .orElse(false));
    gatedPod("quiet", "healthy-app", "healthy", "1");
    awaitReleased("quiet", "healthy-app");
    assertThat(db.queryOne(SLEEPING).toString()).isEqualTo("2");

    deleteAndAwaitNoStatement(db, "noisy", noisy);
  }

  @Test
  void theGateReleasesPodsWhileEveryReconcileThreadIsStuck() throws Exception {
    start(2, 2);
    db = Databases.postgres();
    harness.apply(stuck("noisy", "stuck-a", db));
    harness.apply(stuck("noisy", "stuck-b", db));
    db.awaitCount(SLEEPING, n -> n == 2, Duration.ofSeconds(30));

    // Both reconcile threads are inside pg_sleep: this resource's status comes from the test.
    client.resource(OperatorHarnessAccess.suspended("quiet", "ready")).create();
    client
        .resources(DatabaseMigration.class)
        .inNamespace("quiet")
        .withName("ready")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"appliedVersion\":\"3\"}}");
    gatedPod("quiet", "ready-app", "ready", "3");
    awaitReleased("quiet", "ready-app");
    assertThat(db.queryOne(SLEEPING).toString()).isEqualTo("2");

    deleteAndAwaitNoStatement(db, "noisy", List.of("stuck-a", "stuck-b"));
  }

  /** The Ready messages of the namespace's resources that wait for a slot. */
  private List<String> queued(String namespace) {
    return client
        .resources(DatabaseMigration.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .flatMap(r -> OperatorHarness.condition(r, "Ready").stream())
        .filter(c -> Reason.Queued.name().equals(c.getReason()))
        .map(io.fabric8.kubernetes.api.model.Condition::getMessage)
        .toList();
  }

  private void gatedPod(String namespace, String name, String migration, String version) {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels(GateAnnotations.GATED_LABEL, "true")
                .addToAnnotations(GateAnnotations.MIGRATION, migration)
                .addToAnnotations(GateAnnotations.REQUIRES_VERSION, version)
                .endMetadata()
                .withNewSpec()
                .addNewSchedulingGate()
                .withName(GateAnnotations.GATE)
                .endSchedulingGate()
                .addNewContainer()
                .withName("app")
                .withImage("app:" + version)
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private void awaitReleased(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Pod pod = client.pods().inNamespace(namespace).withName(name).get();
              List<PodSchedulingGate> gates = pod.getSpec().getSchedulingGates();
              return gates == null || gates.isEmpty();
            });
  }
}
