package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator loop on a real PostgreSQL: apply, change, pin, approve, suspend, fail. */
@LiveOperator
class ReconcileTest {
  private static final String NS = "apps";

  @RegisterExtension
  final OperatorExtension api = OperatorExtension.running(OperatorHarness::fastSettings);

  private OperatorHarness harness;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    harness = api.harness();
    client = api.client();
  }

  @Test
  void appliesTheBundleAndReportsReady() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "lets-talk-migrations", OperatorHarness.exampleScripts());
    String url = db.url().replace("postgres@", "");
    harness.credentials(NS, "lets-talk-db", "postgres", "Operator-Secret-1");
    harness.apply(
        OperatorHarness.migration(NS, "lets-talk", url, "lets-talk-migrations", "lets-talk-db"));

    DatabaseMigration ready = harness.awaitReason(NS, "lets-talk", Reason.Applied);
    assertThat(ready.getStatus().appliedVersion).isEqualTo("6");
    assertThat(ready.getStatus().targetVersion).isEqualTo("6");
    assertThat(ready.getStatus().pendingCount).isZero();
    assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().sourceDigest).startsWith("sha256:");
    assertThat(ready.getStatus().history).hasSize(6);
    assertThat(ready.getStatus().history.get(0).script).isEqualTo("V6__add_message_reactions.sql");
    assertThat(ready.getStatus().failure).isNull();
    Condition readyCondition = OperatorHarness.condition(ready, "Ready").orElseThrow();
    assertThat(readyCondition.getStatus()).isEqualTo("True");
    assertThat(readyCondition.getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(OperatorHarness.condition(ready, "Stalled").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(OperatorHarness.condition(ready, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(db.tables()).contains("users", "messages", "message_reactions");
    assertThat(harness.events(NS, "lets-talk"))
        .extracting(Event::getMessage)
        .anyMatch(m -> m.startsWith("Applied V1__create_users.sql in"))
        .anyMatch(m -> m.startsWith("Applied V6__add_message_reactions.sql in"));
  }

  private DatabaseMigration example(TestDatabase db, String name) {
    harness.configMap(NS, name + "-scripts", OperatorHarness.exampleScripts());
    return OperatorHarness.migration(
        NS, name, OperatorHarness.specUrl(db, NS), name + "-scripts", null);
  }

  private DatabaseMigration update(
      String name, java.util.function.Consumer<DatabaseMigration> change) {
    DatabaseMigration current = harness.get(NS, name);
    change.accept(current);
    return client.resource(current).update();
  }

  @Test
  void aScriptAddedToTheConfigMapIsApplied() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.apply(example(db, "chat"));
    harness.awaitResource(
        NS, "chat", r -> r.getStatus() != null && "6".equals(r.getStatus().appliedVersion));
    java.util.Map<String, String> scripts = OperatorHarness.exampleScripts();
    scripts.put("V7__add_avatars.sql", "ALTER TABLE users ADD COLUMN avatar_url VARCHAR(500);");
    scripts.put("U7__add_avatars.sql", "ALTER TABLE users DROP COLUMN avatar_url;");
    harness.configMap(NS, "chat-scripts", scripts);
    DatabaseMigration applied =
        harness.awaitResource(NS, "chat", r -> "7".equals(r.getStatus().appliedVersion));
    assertThat(OperatorHarness.condition(applied, "Ready").orElseThrow().getReason())
        .isEqualTo("Applied");
    assertThat(
            db.queryOne(
                    "SELECT COUNT(*) FROM information_schema.columns WHERE column_name = 'avatar_url'")
                .toString())
        .isEqualTo("1");
  }

  @Test
  void aSecretCreatedAfterTheResourceIsPickedUp() throws Exception {
    TestDatabase db = Databases.postgres();
    DatabaseMigration resource = example(db, "late");
    resource.getSpec().database.url = db.url().replace("postgres@", "");
    resource.getSpec().database.credentialsSecret = new io.schemagate.api.CredentialsSecret();
    resource.getSpec().database.credentialsSecret.name = "late-db";
    harness.apply(resource);
    DatabaseMigration missing = harness.awaitReason(NS, "late", Reason.SecretNotFound);
    assertThat(OperatorHarness.condition(missing, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(OperatorHarness.condition(missing, "Ready").orElseThrow().getMessage())
        .contains("Secret apps/late-db (spec.database.credentialsSecret) does not exist");
    harness.credentials(NS, "late-db", "postgres", "Late-Password-2");
    assertThat(harness.awaitReason(NS, "late", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");
  }

  @Test
  void anUngrantedSecretIsNamedWithTheRoleToCreate() throws Exception {
    // The API server's answer when the tenant granted the operator nothing on this Secret.
    api.server()
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + NS + "/secrets/locked-db")
        .andReturn(
            403,
            new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("secrets \"locked-db\" is forbidden")
                .build())
        .always();
    TestDatabase db = Databases.postgres();
    DatabaseMigration resource = example(db, "locked");
    resource.getSpec().database.credentialsSecret = new io.schemagate.api.CredentialsSecret();
    resource.getSpec().database.credentialsSecret.name = "locked-db";
    harness.apply(resource);
    DatabaseMigration denied = harness.awaitReason(NS, "locked", Reason.AccessDenied);
    assertThat(OperatorHarness.condition(denied, "Reconciling").orElseThrow().getStatus())
        .as("retried: the tenant may grant it later")
        .isEqualTo("True");
    assertThat(denied.getStatus().failure.message)
        .contains("The operator may not read Secret apps/locked-db (HTTP 403)")
        .contains("resourceNames: [locked-db]")
        .contains("docs/SECURITY.md");
  }

  @Test
  void badInputNamesTheFieldOrScriptAndOtherResourcesCarryOn() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.apply(example(db, "healthy"));

    DatabaseMigration badUrl =
        OperatorHarness.migration(NS, "bad-url", "oracle://scott:tiger@db/x", null, null);
    badUrl.getSpec().source.inline.put("V1__a.sql", "CREATE TABLE a (id INT);");
    harness.apply(badUrl);

    DatabaseMigration noConfigMap =
        OperatorHarness.migration(NS, "no-configmap", db.url(), "nowhere", null);
    harness.apply(noConfigMap);

    DatabaseMigration badBundle = OperatorHarness.migration(NS, "bad-bundle", db.url(), null, null);
    badBundle.getSpec().source.inline.put("V1_missing_separator.sql", "CREATE TABLE a (id INT);");
    harness.apply(badBundle);

    DatabaseMigration badTarget = example(db, "bad-target");
    badTarget.getSpec().target = "42";
    harness.apply(badTarget);

    harness.credentials(NS, "half-secret", "postgres", "x");
    DatabaseMigration missingKey = example(db, "missing-key");
    missingKey.getSpec().database.credentialsSecret = new io.schemagate.api.CredentialsSecret();
    missingKey.getSpec().database.credentialsSecret.name = "half-secret";
    missingKey.getSpec().database.credentialsSecret.passwordKey = "pass";
    harness.apply(missingKey);

    assertThat(message(harness.awaitReason(NS, "bad-url", Reason.InvalidSpec)))
        .contains("spec.database.url")
        .contains("Unsupported database URL scheme 'oracle'")
        .doesNotContain("tiger");
    assertThat(message(harness.awaitReason(NS, "no-configmap", Reason.SourceNotFound)))
        .contains("ConfigMap apps/nowhere (spec.source.configMaps) does not exist");
    assertThat(message(harness.awaitReason(NS, "bad-bundle", Reason.SourceInvalid)))
        .contains("V1_missing_separator.sql: the name does not follow Flyway naming");
    assertThat(message(harness.awaitReason(NS, "bad-target", Reason.TargetNotFound)))
        .contains("spec.target 42 is not in the bundle; its versions are 1, 2, 3, 4, 5, 6");
    assertThat(message(harness.awaitReason(NS, "missing-key", Reason.SecretNotFound)))
        .contains("Secret apps/half-secret has no key 'pass'");
    assertThat(harness.awaitReason(NS, "healthy", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");
  }

  private static String message(DatabaseMigration resource) {
    return OperatorHarness.condition(resource, "Ready").orElseThrow().getMessage();
  }

  /** An operator that re-checks every resource each second. */
  private void recheckEverySecond() throws Exception {
    harness =
        api.restart(
            OperatorHarness.fastSettings().toBuilder()
                .reconcileThreads(2)
                .recheckInterval(java.time.Duration.ofSeconds(1))
                .gate(false)
                .build());
  }

  @Test
  void thePeriodicRecheckNoticesDriftMadeOutsideTheOperator() throws Exception {
    recheckEverySecond();
    TestDatabase db = Databases.postgres();
    harness.apply(example(db, "watched"));
    harness.awaitReason(NS, "watched", Reason.Applied);
    db.execute("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '3'");
    DatabaseMigration drifted = harness.awaitReason(NS, "watched", Reason.ChecksumMismatch);
    assertThat(drifted.getStatus().failure.script).isEqualTo("V3__create_messages.sql");
  }

  @Test
  void anUnchangedHistoryIsRecheckedFromItsFingerprintAndAnOutsideUndoIsStillNoticed()
      throws Exception {
    recheckEverySecond();
    TestDatabase db = Databases.postgres();
    harness.apply(example(db, "steady"));
    DatabaseMigration ready = harness.awaitReason(NS, "steady", Reason.Applied);
    assertThat(ready.getStatus().appliedVersion).isEqualTo("6");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> reconciles("unchanged") >= 3);
    DatabaseMigration after = harness.get(NS, "steady");
    assertThat(after.getStatus().conditions).isEqualTo(ready.getStatus().conditions);
    assertThat(after.getMetadata().getResourceVersion())
        .as("a re-check that found nothing new writes no status")
        .isEqualTo(ready.getMetadata().getResourceVersion());

    try (var outside =
        io.schemagate.engine.MigrationEngine.open(
            db.parsed(),
            io.schemagate.engine.api.BundleLoader.fromDirectory(Databases.exampleMigrations()),
            io.schemagate.engine.api.EngineSettings.defaults(),
            io.schemagate.db.ConnectionSettings.DEFAULT)) {
      outside.downgrade(
          io.schemagate.engine.api.DowngradeTarget.steps(1),
          io.schemagate.engine.api.MigrationListener.NONE);
    }
    harness.awaitResource(
        NS,
        "steady",
        r ->
            "6".equals(r.getStatus().appliedVersion)
                && harness.events(NS, "steady").stream()
                        .filter(e -> e.getMessage().startsWith("Applied V6__"))
                        .count()
                    == 2);
    assertThat(db.tables()).contains("message_reactions");
  }

  private double reconciles(String result) {
    var timer =
        harness
            .operator
            .registry()
            .find("schemagate.reconcile.duration")
            .tag("result", result)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  static java.util.stream.Stream<TestDatabase> otherDatabases() {
    return java.util.stream.Stream.of(
        Databases.sqliteIn(OperatorHarness.LOCAL_DATA.resolve(NS)),
        Databases.mariadbOrPlaceholder());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("otherDatabases")
  void appliesOnSqliteAndMariaDbAndRepairsAFailedRowOnMariaDb(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    harness.apply(example(db, "other"));
    assertThat(harness.awaitReason(NS, "other", Reason.Applied).getStatus().appliedVersion)
        .isEqualTo("6");
    assertThat(db.tables()).contains("users", "message_reactions");

    java.util.Map<String, String> scripts = OperatorHarness.exampleScripts();
    scripts.put(
        "V7__broken.sql", "CREATE TABLE audit_log (id INT);\nINSERT INTO nowhere VALUES (1);\n");
    harness.configMap(NS, "other-scripts", scripts);
    DatabaseMigration failed = harness.awaitReason(NS, "other", Reason.MigrationFailed);
    assertThat(failed.getStatus().failure.script).isEqualTo("V7__broken.sql");
    assertThat(failed.getStatus().appliedVersion).isEqualTo("6");
    if (db.kind() == io.schemagate.db.DatabaseKind.MARIADB) {
      assertThat(failed.getStatus().failure.message).contains("MySQL/MariaDB cannot roll back DDL");
      db.execute("DROP TABLE audit_log");
    }
    scripts.put("V7__broken.sql", "CREATE TABLE audit_log (id INT);\n");
    harness.configMap(NS, "other-scripts", scripts);
    if (db.kind() == io.schemagate.db.DatabaseKind.MARIADB) {
      DatabaseMigration needsRepair =
          harness.awaitResource(
              NS,
              "other",
              r ->
                  r.getStatus().failure != null
                      && r.getStatus().failure.message.contains("schemagate.io/repair"));
      assertThat(needsRepair.getStatus().failure.script).isEqualTo("V7__broken.sql");
      update(
          "other",
          r ->
              r.getMetadata()
                  .setAnnotations(
                      java.util.Map.of(DatabaseMigration.REPAIR_ANNOTATION, "fixed-v7")));
    }
    assertThat(
            harness
                .awaitResource(NS, "other", r -> "7".equals(r.getStatus().appliedVersion))
                .getStatus()
                .failure)
        .isNull();
    assertThat(db.tables()).contains("audit_log");
  }

  @Test
  void aScriptInTwoConfigMapsIsRefusedNamingBoth() throws Exception {
    TestDatabase db = Databases.postgres();
    harness.configMap(NS, "part-one", java.util.Map.of("V1__a.sql", "CREATE TABLE a (id INT);"));
    harness.configMap(NS, "part-two", java.util.Map.of("V1__a.sql", "CREATE TABLE b (id INT);"));
    DatabaseMigration resource = OperatorHarness.migration(NS, "split", db.url(), "part-one", null);
    io.schemagate.api.ConfigMapRef second = new io.schemagate.api.ConfigMapRef();
    second.name = "part-two";
    resource.getSpec().source.configMaps.add(second);
    harness.apply(resource);
    assertThat(message(harness.awaitReason(NS, "split", Reason.SourceInvalid)))
        .contains("The script V1__a.sql is in both ConfigMap part-one and ConfigMap part-two");
  }
}
