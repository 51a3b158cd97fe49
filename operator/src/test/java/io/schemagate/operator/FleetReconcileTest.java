package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemagate.api.Approval;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.FleetTarget;
import io.schemagate.api.SchemaTargets;
import io.schemagate.api.TargetSecrets;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fleets by synchronous reconciles on real databases: the reconciler is called as JOSDK would call
 * it, against the mock API server, with the operator's own engines and pools. Each reconcile rolls
 * as far as the strategy lets it, so no test waits for time to pass.
 */
class FleetReconcileTest {
  private static final String NS = "tenants";
  private static final Map<String, String> THREE =
      scripts(
          "V1__accounts.sql", "CREATE TABLE accounts (id INT PRIMARY KEY);",
          "V2__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, account INT);",
          "V3__orders_index.sql", "CREATE INDEX orders_account ON orders (account);");

  /** THREE, whose second script fails in the schemas public.broken_tenants names. */
  private static final Map<String, String> FAILABLE =
      scripts(
          "V1__accounts.sql", "CREATE TABLE accounts (id INT PRIMARY KEY);",
          "V2__orders.sql",
              "CREATE TABLE orders (id INT PRIMARY KEY, account INT);\n"
                  + "DO $$ BEGIN\n"
                  + "  IF EXISTS (SELECT 1 FROM public.broken_tenants WHERE name = current_schema())"
                  + " THEN\n"
                  + "    RAISE EXCEPTION 'tenant % is broken', current_schema();\n"
                  + "  END IF;\n"
                  + "END $$;\n",
          "V3__orders_index.sql", "CREATE INDEX orders_account ON orders (account);");

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private final List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private KubernetesClient client;
  private DatabaseMigrationReconciler reconciler;

  @BeforeEach
  void start() {
    client = api.client();
    reconciler =
        new DatabaseMigrationReconciler(client, OperatorHarness.fastSettings(), registry, null);
    reconciler.rolloutPods().use(namespace -> List.copyOf(pods));
  }

  @AfterEach
  void stop() {
    reconciler.close();
  }

  private static Map<String, String> scripts(String... namesAndSql) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSql.length; i += 2) {
      scripts.put(namesAndSql[i], namesAndSql[i + 1]);
    }
    return scripts;
  }

  private static List<String> schemas(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("tenant_%02d", i)).toList();
  }

  private DatabaseMigration schemaFleet(
      String name, TestDatabase db, List<String> schemas, Consumer<DatabaseMigration> change) {
    DatabaseMigration resource = OperatorHarness.inline(NS, name, db.url(), FAILABLE);
    resource.getSpec().schemaTargets = new SchemaTargets();
    resource.getSpec().schemaTargets.names = new ArrayList<>(schemas);
    change.accept(resource);
    return client.resource(resource).create();
  }

  private DatabaseMigration get(String name) {
    return client.resources(DatabaseMigration.class).inNamespace(NS).withName(name).get();
  }

  private DatabaseMigration reconcile(String name) {
    reconciler.reconcile(get(name), null);
    return get(name);
  }

  private static String reason(DatabaseMigration resource) {
    return OperatorHarness.condition(resource, "Ready").orElseThrow().getReason();
  }

  private static long historyRows(TestDatabase db, String schema) throws SQLException {
    Object exists =
        db.queryOne(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + schema
                + "' AND table_name = 'flyway_schema_history'");
    if (((Number) exists).longValue() == 0) {
      return 0;
    }
    return ((Number)
            db.queryOne(
                "SELECT count(*) FROM "
                    + schema
                    + ".flyway_schema_history WHERE success AND version IS NOT NULL"))
        .longValue();
  }

  /** A database whose tenants {@code names} fail at V2__orders.sql. */
  private static TestDatabase broken(String... names) throws SQLException {
    TestDatabase db = Databases.postgres();
    db.execute("CREATE TABLE public.broken_tenants (name TEXT)");
    for (String name : names) {
      db.execute("INSERT INTO public.broken_tenants VALUES ('" + name + "')");
    }
    return db;
  }

  @Test
  void aFleetOfFiftySchemasOnPostgresqlConvergesInWaves() throws Exception {
    TestDatabase db = broken();
    schemaFleet("fifty", db, schemas(50), r -> {});
    DatabaseMigration done = reconcile("fifty");
    assertThat(reason(done)).isEqualTo("Applied");
    assertThat(done.getStatus().appliedVersion).isEqualTo("3");
    assertThat(done.getStatus().fleet.targets).isEqualTo(50);
    assertThat(done.getStatus().fleet.ready).isEqualTo(50);
    assertThat(done.getStatus().fleet.lowestVersion).isEqualTo("3");
    // The canary, then four waves of 25% (13 targets each, rounded up).
    assertThat(done.getStatus().fleet.waves).isEqualTo(5);
    assertThat(done.getStatus().fleet.wave).isEqualTo(4);
    for (String schema : schemas(50)) {
      assertThat(historyRows(db, schema)).as(schema).isEqualTo(3);
    }
    // One gauge per state, none per target.
    assertThat(registry.find("schemagate.fleet.targets").tag("state", "ready").gauge().value())
        .isEqualTo(50);
    assertThat(registry.find("schemagate.fleet.targets").gauges()).hasSize(5);
    // Settled: the next reconcile reads each target's fingerprint only.
    DatabaseMigration again = reconcile("fifty");
    assertThat(reason(again)).isEqualTo("Applied");
    assertThat(again.getStatus().fleet.ready).isEqualTo(50);
  }

  @Test
  void aFailingCanaryHaltsAndLeavesEveryOtherTargetUntouched() throws Exception {
    TestDatabase db = broken("tenant_00");
    schemaFleet("canary", db, schemas(5), r -> {});
    DatabaseMigration halted = reconcile("canary");
    assertThat(reason(halted)).isEqualTo("Halted");
    assertThat(OperatorHarness.condition(halted, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(halted.getStatus().fleet.failed).isEqualTo(1);
    assertThat(halted.getStatus().fleet.notStarted).isEqualTo(4);
    assertThat(halted.getStatus().fleet.failing).hasSize(1);
    assertThat(halted.getStatus().fleet.failing.get(0).target).isEqualTo("tenant_00");
    assertThat(halted.getStatus().fleet.failing.get(0).script).isEqualTo("V2__orders.sql");
    assertThat(OperatorHarness.condition(halted, "Ready").orElseThrow().getMessage())
        .contains("tenant_00 (V2__orders.sql line 2)")
        .contains("schemagate.io/resume");
    for (String schema : schemas(5).subList(1, 5)) {
      assertThat(historyRows(db, schema)).as(schema).isZero();
    }
    // Halted stays halted: another reconcile starts nothing.
    assertThat(reason(reconcile("canary"))).isEqualTo("Halted");
    assertThat(historyRows(db, "tenant_01")).isZero();
  }

  @Test
  void aFailureInWaveTwoHaltsPastTheBudgetAndResumeContinues() throws Exception {
    TestDatabase db = broken("tenant_03", "tenant_04");
    schemaFleet(
        "waves",
        db,
        schemas(8),
        r -> {
          r.getSpec().rollout.waveSize = "2";
          r.getSpec().rollout.failureBudget = 1;
        });
    DatabaseMigration halted = reconcile("waves");
    assertThat(reason(halted)).isEqualTo("Halted");
    // Waves: [00], [01 02], [03 04], [05 06], [07]; both of wave two ran and failed.
    assertThat(halted.getStatus().fleet.wave).isEqualTo(2);
    assertThat(halted.getStatus().fleet.failing)
        .extracting(f -> f.target)
        .containsExactlyInAnyOrder("tenant_03", "tenant_04");
    assertThat(halted.getStatus().fleet.ready).isEqualTo(3);
    for (String schema : List.of("tenant_05", "tenant_06", "tenant_07")) {
      assertThat(historyRows(db, schema)).as(schema).isZero();
    }
    // Fixed: the failed scripts left nothing behind (PostgreSQL runs each in a transaction).
    db.execute("DELETE FROM public.broken_tenants");
    OperatorHarness.edit(
        client,
        NS,
        "waves",
        r -> r.getMetadata().getAnnotations().put(DatabaseMigration.RESUME_ANNOTATION, "fixed"));
    DatabaseMigration resumed = reconcile("waves");
    assertThat(reason(resumed)).isEqualTo("Applied");
    assertThat(resumed.getStatus().fleet.ready).isEqualTo(8);
    assertThat(resumed.getStatus().fleet.lastResume).isEqualTo("fixed");
    for (String schema : schemas(8)) {
      assertThat(historyRows(db, schema)).as(schema).isEqualTo(3);
    }
  }

  /** A pod of the rollout gate that needs {@code version} of the fleet, or of one target. */
  private static io.fabric8.kubernetes.api.model.Pod gatedPod(
      String name, String version, String target) {
    var builder =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels(io.schemagate.rollout.GateAnnotations.GATED_LABEL, "true")
            .addToAnnotations(io.schemagate.rollout.GateAnnotations.MIGRATION, "gated")
            .addToAnnotations(io.schemagate.rollout.GateAnnotations.REQUIRES_VERSION, version)
            .endMetadata()
            .withNewSpec()
            .addNewSchedulingGate()
            .withName(io.schemagate.rollout.GateAnnotations.GATE)
            .endSchedulingGate()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus();
    if (target != null) {
      builder
          .editMetadata()
          .addToAnnotations(io.schemagate.rollout.GateAnnotations.TARGET, target)
          .endMetadata();
    }
    return builder.build();
  }

  @Test
  void aGatedPodIsReleasedWhenItsFleetOrItsOneTargetIsReady() throws Exception {
    TestDatabase db = broken("tenant_03");
    var wholeFleet = gatedPod("web-1", "3", null);
    var readyTenant = gatedPod("tenant-01-worker", "3", "tenant_01");
    var brokenTenant = gatedPod("tenant-03-worker", "3", "tenant_03");
    pods.addAll(List.of(wholeFleet, readyTenant, brokenTenant));
    schemaFleet("gated", db, schemas(5), r -> r.getSpec().rollout.waveSize = "2");
    DatabaseMigration halted = reconcile("gated");
    assertThat(reason(halted)).isEqualTo("Halted");
    assertThat(io.schemagate.gate.GateDecision.of(wholeFleet, halted).release()).isFalse();
    assertThat(io.schemagate.gate.GateDecision.of(readyTenant, halted).release()).isTrue();
    assertThat(io.schemagate.gate.GateDecision.of(brokenTenant, halted).release()).isFalse();
    assertThat(io.schemagate.gate.GateDecision.of(brokenTenant, halted).message())
        .contains("Waiting for target tenant_03");
    db.execute("DELETE FROM public.broken_tenants");
    OperatorHarness.edit(
        client,
        NS,
        "gated",
        r -> r.getMetadata().getAnnotations().put(DatabaseMigration.RESUME_ANNOTATION, "1"));
    DatabaseMigration ready = reconcile("gated");
    assertThat(reason(ready)).isEqualTo("Applied");
    assertThat(io.schemagate.gate.GateDecision.of(wholeFleet, ready).release()).isTrue();
    assertThat(io.schemagate.gate.GateDecision.of(brokenTenant, ready).release()).isTrue();
  }

  @Test
  void aQueryNamesTheSchemasAndANewRowJoinsTheFleet() throws Exception {
    TestDatabase db = broken();
    db.execute("CREATE TABLE public.tenants (name TEXT, active BOOLEAN)");
    db.execute(
        "INSERT INTO public.tenants VALUES ('acme', true), ('globex', true), ('old', false)");
    schemaFleet(
        "queried",
        db,
        List.of(),
        r -> r.getSpec().schemaTargets.query = "SELECT name FROM public.tenants WHERE active");
    DatabaseMigration two = reconcile("queried");
    assertThat(reason(two)).isEqualTo("Applied");
    assertThat(two.getStatus().fleet.targets).isEqualTo(2);
    db.execute("INSERT INTO public.tenants VALUES ('initech', true)");
    DatabaseMigration three = reconcile("queried");
    assertThat(reason(three)).isEqualTo("Applied");
    assertThat(three.getStatus().fleet.targets).isEqualTo(3);
    assertThat(historyRows(db, "initech")).isEqualTo(3);
    assertThat(historyRows(db, "old")).isZero();
    // The query fails: the fleet's last summary stays, and the reason says why.
    db.execute("DROP TABLE public.tenants");
    DatabaseMigration unreadable = reconcile("queried");
    assertThat(reason(unreadable)).isNotEqualTo("Applied");
    assertThat(OperatorHarness.condition(unreadable, "Ready").orElseThrow().getMessage())
        .contains("spec.schemaTargets.query failed");
    assertThat(unreadable.getStatus().fleet.targets).isEqualTo(3);
    assertThat(unreadable.getStatus().fleet.ready).isEqualTo(3);
  }

  @Test
  void aQueryRunsReadOnlyAndItsFailureNamesTheField() throws Exception {
    TestDatabase db = broken();
    db.execute("CREATE TABLE public.tenants (name TEXT)");
    db.execute("INSERT INTO public.tenants VALUES ('acme')");
    schemaFleet(
        "writer",
        db,
        List.of(),
        r -> r.getSpec().schemaTargets.query = "DELETE FROM public.tenants RETURNING name");
    DatabaseMigration failed = reconcile("writer");
    assertThat(OperatorHarness.condition(failed, "Ready").orElseThrow().getMessage())
        .contains("spec.schemaTargets.query failed")
        .containsIgnoringCase("read-only");
    assertThat(((Number) db.queryOne("SELECT count(*) FROM public.tenants")).longValue())
        .isEqualTo(1);
  }

  @Test
  void aTargetRemovedFromTheListIsLeftAsItIs() throws Exception {
    TestDatabase db = broken();
    schemaFleet("shrink", db, List.of("kept", "removed"), r -> {});
    assertThat(reason(reconcile("shrink"))).isEqualTo("Applied");
    OperatorHarness.edit(
        client,
        NS,
        "shrink",
        r -> {
          r.getSpec().schemaTargets.names = new ArrayList<>(List.of("kept"));
          r.getSpec().source.inline.put("V4__notes.sql", "CREATE TABLE notes (id INT);");
        });
    DatabaseMigration shrunk = reconcile("shrink");
    assertThat(reason(shrunk)).isEqualTo("Applied");
    assertThat(shrunk.getStatus().fleet.targets).isEqualTo(1);
    assertThat(historyRows(db, "kept")).isEqualTo(4);
    assertThat(historyRows(db, "removed")).isEqualTo(3);
  }

  @Test
  void oneApprovalOfAPlanIdCoversEveryTargetWithThatPlan() throws Exception {
    TestDatabase db = broken();
    schemaFleet("manual", db, schemas(3), r -> r.getSpec().policy.approval = Approval.Manual);
    DatabaseMigration waiting = reconcile("manual");
    assertThat(reason(waiting)).isEqualTo("ApprovalPending");
    assertThat(waiting.getStatus().fleet.plans).hasSize(1);
    String id = waiting.getStatus().fleet.plans.get(0).id;
    assertThat(waiting.getStatus().plan.id).isEqualTo(id);
    assertThat(waiting.getStatus().fleet.plans.get(0).to).isEqualTo("3");
    assertThat(historyRows(db, "tenant_00")).isZero();
    OperatorHarness.edit(
        client,
        NS,
        "manual",
        r -> r.getMetadata().getAnnotations().put(DatabaseMigration.APPROVE_ANNOTATION, id));
    DatabaseMigration done = reconcile("manual");
    assertThat(reason(done)).isEqualTo("Applied");
    for (String schema : schemas(3)) {
      assertThat(historyRows(db, schema)).as(schema).isEqualTo(3);
    }
  }

  private Secret tenantSecret(String name, TestDatabase db, boolean cloudNativePgKeys) {
    io.schemagate.db.DatabaseUrl url = db.parsed();
    Map<String, String> data = new LinkedHashMap<>();
    if (cloudNativePgKeys) {
      java.net.URI uri = java.net.URI.create(db.url());
      data.put("host", uri.getHost());
      data.put("port", String.valueOf(uri.getPort()));
      data.put("dbname", uri.getPath().substring(1));
      data.put("username", url.user().orElseThrow());
      data.put("password", "unused-by-trust-auth");
    } else {
      data.put("uri", db.url());
    }
    return client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .addToLabels("schemagate.io/fleet", "tenants")
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  @Test
  void aSecretSelectorPicksUpANewTenantsSecretAndMigratesIt() throws Exception {
    TestDatabase first = Databases.postgres();
    TestDatabase second = Databases.postgres();
    tenantSecret("tenant-a", first, true);
    DatabaseMigration resource = OperatorHarness.inline(NS, "selected", "unused", THREE);
    resource.getSpec().database = null;
    resource.getSpec().targetSecrets = new TargetSecrets();
    resource.getSpec().targetSecrets.matchLabels.put("schemagate.io/fleet", "tenants");
    client.resource(resource).create();
    DatabaseMigration one = reconcile("selected");
    assertThat(reason(one)).isEqualTo("Applied");
    assertThat(one.getStatus().fleet.targets).isEqualTo(1);
    assertThat(first.tables()).contains("accounts", "orders");
    tenantSecret("tenant-b", second, false);
    DatabaseMigration two = reconcile("selected");
    assertThat(reason(two)).isEqualTo("Applied");
    assertThat(two.getStatus().fleet.targets).isEqualTo(2);
    assertThat(second.tables()).contains("accounts", "orders");
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("unused-by-trust-auth"));
  }

  @Test
  void aFleetOfTenMariaDbDatabasesConverges() throws Exception {
    List<TestDatabase> databases = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestDatabase db = Databases.mariadbOrPlaceholder();
      Databases.assumeAvailable(db);
      databases.add(db);
    }
    DatabaseMigration resource = OperatorHarness.inline(NS, "regions", "unused", THREE);
    resource.getSpec().database = null;
    for (int i = 0; i < databases.size(); i++) {
      FleetTarget target = new FleetTarget();
      target.name = "region-" + i;
      target.url = databases.get(i).url();
      resource.getSpec().targets.add(target);
    }
    resource.getSpec().rollout.waveSize = "50%";
    client.resource(resource).create();
    DatabaseMigration done = reconcile("regions");
    assertThat(reason(done)).isEqualTo("Applied");
    assertThat(done.getStatus().fleet.ready).isEqualTo(10);
    assertThat(done.getStatus().appliedVersion).isEqualTo("3");
    for (TestDatabase db : databases) {
      assertThat(db.tables()).contains("accounts", "orders");
    }
  }
}
