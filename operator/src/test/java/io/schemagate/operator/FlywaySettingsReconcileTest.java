package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemagate.api.DatabaseMigration;
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
 * A bundle's flyway.conf and the resource's spec.flyway, through synchronous reconciles on a real
 * PostgreSQL: the file's settings apply, spec.flyway overrides them, and a refused setting is the
 * resource's own InvalidSpec while the file's is SourceInvalid.
 */
class FlywaySettingsReconcileTest {
  private static final String NS = "apps";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;
  private DatabaseMigrationReconciler reconciler;

  @BeforeEach
  void start() {
    client = api.client();
    reconciler =
        new DatabaseMigrationReconciler(
            client, OperatorHarness.fastSettings(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    reconciler.close();
  }

  private DatabaseMigration reconcile(DatabaseMigration resource) {
    reconciler.reconcile(resource, null);
    return client
        .resources(DatabaseMigration.class)
        .inNamespace(NS)
        .withName(resource.getMetadata().getName())
        .get();
  }

  private DatabaseMigration edit(
      DatabaseMigration resource, java.util.function.Consumer<DatabaseMigration> change) {
    return client
        .resources(DatabaseMigration.class)
        .inNamespace(NS)
        .withName(resource.getMetadata().getName())
        .edit(
            r -> {
              change.accept(r);
              return r;
            });
  }

  private static String ready(DatabaseMigration resource) {
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
    assertThat(ready(reconcile(resource))).startsWith("Applied");
    assertThat(db.queryOne("SELECT count(*) FROM app_history")).isEqualTo(2L);

    // M2 is deleted after it ran: drift, until spec.flyway lets missing rows pass.
    DatabaseMigration edited =
        edit(
            resource,
            r -> {
              r.getSpec().source.inline.remove("M2__first.sql");
              r.getSpec().source.inline.put("M3__second.sql", "INSERT INTO notes VALUES (2);");
            });
    assertThat(ready(reconcile(edited))).contains("M2__first.sql").contains("*:missing");
    edited = edit(edited, r -> r.getSpec().flyway.ignoreMigrationPatterns = List.of("*:missing"));
    assertThat(ready(reconcile(edited))).startsWith("Applied");
    assertThat(db.queryOne("SELECT count(*) FROM notes")).isEqualTo(2L);
  }

  @Test
  void aRefusedSettingNamesWhereItWasWritten() {
    TestDatabase db = Databases.postgres();
    DatabaseMigration inSpec =
        OperatorHarness.inline(NS, "bad-spec", db.url(), Map.of("V1__a.sql", "SELECT 1;"));
    inSpec.getSpec().flyway.encoding = "latin-99";
    inSpec = client.resource(inSpec).create();
    assertThat(ready(reconcile(inSpec)))
        .startsWith("InvalidSpec: spec.flyway.encoding: 'latin-99' is not an encoding");

    DatabaseMigration inFile =
        OperatorHarness.inline(
            NS,
            "bad-file",
            db.url(),
            Map.of("V1__a.sql", "SELECT 1;", "flyway.conf", "flyway.callbacks=com.example.Spy"));
    inFile = client.resource(inFile).create();
    assertThat(ready(reconcile(inFile)))
        .startsWith("SourceInvalid")
        .contains("flyway.conf flyway.callbacks: not supported, because it loads Java classes");
  }
}
