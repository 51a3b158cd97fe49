package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.LintAction;
import io.schemagate.api.PlanFinding;
import io.schemagate.rollout.GateAnnotations;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator loop on a real PostgreSQL: a plan's lint findings in status.plan and what each lint
 * policy does with them, and a contract step held while a pod that needs the old schema runs.
 */
@LiveOperator
class ChangeSafetyTest {
  private static final String NS = "apps";
  private static final String ORDERS =
      "CREATE TABLE orders (id INT PRIMARY KEY, total INT, legacy_code TEXT);\n"
          + "INSERT INTO orders SELECT g, g * 10, 'x' FROM generate_series(1, 500) g;";

  @RegisterExtension
  final OperatorExtension api = OperatorExtension.running(OperatorHarness::fastSettings);

  private OperatorHarness harness;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    harness = api.harness();
    client = api.client();
  }

  /** A resource whose first script creates orders with rows, applied. */
  private TestDatabase appliedOrders(String name, Consumer<DatabaseMigration> policy) {
    TestDatabase db = Databases.postgres();
    DatabaseMigration resource =
        OperatorHarness.inline(NS, name, db.url(), Map.of("V1__orders.sql", ORDERS));
    policy.accept(resource);
    harness.apply(resource);
    harness.awaitReason(NS, name, Reason.Applied);
    return db;
  }

  private void edit(String name, Consumer<DatabaseMigration> change) {
    OperatorHarness.edit(client, NS, name, change);
  }

  private void addScripts(String name, Map<String, String> scripts) {
    edit(name, r -> r.getSpec().source.inline.putAll(scripts));
  }

  private void approve(String name, String planId) {
    edit(
        name,
        r -> r.getMetadata().setAnnotations(Map.of(DatabaseMigration.APPROVE_ANNOTATION, planId)));
  }

  private long eventsOf(String name, String reason) {
    return harness.events(NS, name).stream().filter(e -> reason.equals(e.getReason())).count();
  }

  @Test
  void requireApprovalShowsTheFindingsWithLockAndSizeAndRunsOnceApproved() throws Exception {
    TestDatabase db =
        appliedOrders("approve", r -> r.getSpec().policy.lint.action = LintAction.RequireApproval);
    addScripts(
        "approve", Map.of("V2__index_total.sql", "CREATE INDEX orders_total ON orders (total);"));

    DatabaseMigration waiting = harness.awaitReason(NS, "approve", Reason.ApprovalPending);
    assertThat(waiting.getStatus().plan.findingCount).isEqualTo(1);
    PlanFinding finding = waiting.getStatus().plan.findings.get(0);
    assertThat(finding.rule).isEqualTo("index-without-concurrently");
    assertThat(finding.severity).isEqualTo("Warning");
    assertThat(finding.script).isEqualTo("V2__index_total.sql");
    assertThat(finding.line).isEqualTo(1);
    // The size comes from the catalogue of the real table, with its 500 rows.
    assertThat(finding.takes)
        .startsWith("SHARE (writes wait until the index is built) on orders (");
    assertThat(finding.fix).contains("CONCURRENTLY");
    assertThat(OperatorHarness.condition(waiting, "Ready").orElseThrow().getMessage())
        .contains("1 lint finding (index-without-concurrently in V2__index_total.sql line 1)")
        .contains("RequireApproval")
        .contains(waiting.getStatus().plan.id);
    assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_total'"))
        .isEqualTo(0L);
    Event announced =
        harness.events(NS, "approve").stream()
            .filter(e -> "LintFindings".equals(e.getReason()))
            .findFirst()
            .orElseThrow();
    assertThat(announced.getType()).isEqualTo("Warning");
    assertThat(announced.getMessage()).contains("index-without-concurrently");

    approve("approve", waiting.getStatus().plan.id);
    DatabaseMigration applied = harness.awaitReason(NS, "approve", Reason.Applied);
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(applied.getStatus().plan).isNull();
    assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_total'"))
        .isEqualTo(1L);
    assertThat(eventsOf("approve", "LintFindings")).isEqualTo(1);
  }

  @Test
  void refuseStallsNamingTheFindingAndTheSafeRewriteRuns() throws Exception {
    TestDatabase db =
        appliedOrders("refuse", r -> r.getSpec().policy.lint.action = LintAction.Refuse);
    addScripts(
        "refuse",
        Map.of("V2__total_required.sql", "ALTER TABLE orders ADD COLUMN region TEXT NOT NULL;"));

    DatabaseMigration refused = harness.awaitReason(NS, "refuse", Reason.LintRefused);
    assertThat(OperatorHarness.condition(refused, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(refused.getStatus().failure.script).isEqualTo("V2__total_required.sql");
    assertThat(refused.getStatus().failure.line).isEqualTo(1);
    assertThat(refused.getStatus().failure.message)
        .startsWith(
            "1 lint finding (add-column-not-null-without-default in V2__total_required.sql line"
                + " 1), and spec.policy.lint.action is Refuse");
    assertThat(refused.getStatus().plan.findings)
        .extracting(f -> f.rule)
        .containsExactly("add-column-not-null-without-default");
    assertThat(refused.getStatus().appliedVersion).isEqualTo("1");

    // The safe form: a constant default, which PostgreSQL adds without a rewrite.
    addScripts(
        "refuse",
        Map.of(
            "V2__total_required.sql",
            "ALTER TABLE orders ADD COLUMN region TEXT NOT NULL DEFAULT 'eu';"));
    DatabaseMigration applied = harness.awaitReason(NS, "refuse", Reason.Applied);
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.queryOne("SELECT count(*) FROM orders WHERE region = 'eu'")).isEqualTo(500L);
  }

  @Test
  void reportRunsThePlanAndAnnouncesItsFindings() throws Exception {
    TestDatabase db = appliedOrders("report", r -> {});
    addScripts(
        "report", Map.of("V2__index_total.sql", "CREATE INDEX orders_total ON orders (total);"));

    DatabaseMigration applied =
        harness.awaitResource(NS, "report", r -> "2".equals(r.getStatus().appliedVersion));
    assertThat(applied.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_total'"))
        .isEqualTo(1L);
    harness.awaitReason(NS, "report", Reason.Applied);
    assertThat(eventsOf("report", "LintFindings")).isEqualTo(1);
  }

  private Pod pod(String name, String requires, boolean gated) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels(GateAnnotations.GATED_LABEL, "true")
            .addToAnnotations(GateAnnotations.MIGRATION, "shop")
            .addToAnnotations(GateAnnotations.REQUIRES_VERSION, requires)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("shop:" + requires)
            .endContainer()
            .endSpec();
    if (gated) {
      builder
          .editSpec()
          .addNewSchedulingGate()
          .withName(GateAnnotations.GATE)
          .endSchedulingGate()
          .endSpec();
    }
    return client.resource(builder.build()).create();
  }

  private boolean gated(String pod) {
    Pod current = client.pods().inNamespace(NS).withName(pod).get();
    return current.getSpec().getSchedulingGates() != null
        && current.getSpec().getSchedulingGates().stream()
            .anyMatch(g -> GateAnnotations.GATE.equals(g.getName()));
  }

  private static final String LEGACY_EXISTS =
      "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name"
          + " = 'legacy_code'";

  @Test
  void aContractStepWaitsForThePodsThatNeedTheOldSchemaAndRunsOnceTheyAreGone() throws Exception {
    TestDatabase db = appliedOrders("shop", r -> {});
    // The release now running reads legacy_code and needs version 1.
    pod("shop-v1", "1", false);
    addScripts(
        "shop",
        Map.of(
            "V2__add_code.sql",
            "ALTER TABLE orders ADD COLUMN code TEXT;",
            "V3__drop_legacy_code.sql",
            "ALTER TABLE orders DROP COLUMN legacy_code;"));

    DatabaseMigration held = harness.awaitReason(NS, "shop", Reason.ContractStepHeld);
    // The expand step ran; the contract step waits.
    assertThat(held.getStatus().appliedVersion).isEqualTo("2");
    assertThat(db.queryOne(LEGACY_EXISTS)).isEqualTo(1L);
    assertThat(held.getStatus().plan.contractSteps).hasSize(1);
    assertThat(held.getStatus().plan.contractSteps.get(0).version).isEqualTo("3");
    assertThat(held.getStatus().plan.contractSteps.get(0).why).isEqualTo("drop-column at line 1");
    assertThat(held.getStatus().plan.contractSteps.get(0).waitingFor)
        .containsExactly("shop-v1 (requires 1)");
    assertThat(OperatorHarness.condition(held, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "Contract step V3__drop_legacy_code.sql (drop-column at line 1) waits until no running"
                + " pod requires a version below 3; waiting for shop-v1 (requires 1)");
    // No condition is True: a sync wave waiting for this resource lets the rollout go on.
    assertThat(held.getStatus().conditions)
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Ready=False", "Reconciling=False", "Stalled=False");
    assertThat(eventsOf("shop", "ContractStepHeld")).isEqualTo(1);

    // The next release no longer reads the column: it requires the contract step's version, and
    // the gate lets it start before that step runs, since the step only removes what it left.
    pod("shop-v3", "3", true);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> !gated("shop-v3"));
    assertThat(db.queryOne(LEGACY_EXISTS)).isEqualTo(1L);

    // The rollout replaces the old pod: the contract step runs.
    client.pods().inNamespace(NS).withName("shop-v1").delete();
    DatabaseMigration applied = harness.awaitReason(NS, "shop", Reason.Applied);
    assertThat(applied.getStatus().appliedVersion).isEqualTo("3");
    assertThat(db.queryOne(LEGACY_EXISTS)).isEqualTo(0L);
  }
}
