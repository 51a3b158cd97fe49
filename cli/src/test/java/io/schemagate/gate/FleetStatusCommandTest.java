package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.SchemaTargets;
import io.schemagate.operator.OperatorHarnessAccess;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Databases;
import io.schemagate.testing.MockApiSettings;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schemagate fleet status}: each target of a fleet, read from its own database. */
@EnableKubernetesMockClient(crud = true)
class FleetStatusCommandTest {
  KubernetesClient client;
  @TempDir Path dir;

  @AfterEach
  void clearClientSettings() {
    MockApiSettings.clear();
  }

  @Test
  void eachTargetIsReadFromItsOwnDatabase() throws Exception {
    TestDatabase db = Databases.postgres();
    Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
    Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id INT);");
    // tenant_a at the target, tenant_b one behind, tenant_c never migrated.
    for (String[] schemaAndTarget : new String[][] {{"tenant_a", "2"}, {"tenant_b", "1"}}) {
      Cli.Result upgraded =
          new Cli()
              .run(
                  "upgrade",
                  schemaAndTarget[1],
                  "--database-url",
                  db.url(),
                  "--schema",
                  schemaAndTarget[0],
                  "--migrations-dir",
                  dir.toString());
      assertThat(upgraded.code()).as(upgraded.all()).isZero();
    }
    OperatorHarnessAccess.installCrd(client);
    DatabaseMigration resource = OperatorHarnessAccess.suspended("apps", "tenants");
    resource.getSpec().database.url = db.url();
    resource.getSpec().schemaTargets = new SchemaTargets();
    resource.getSpec().schemaTargets.names = List.of("tenant_c", "tenant_a", "tenant_b");
    client.resource(resource).create();
    client
        .resources(DatabaseMigration.class)
        .inNamespace("apps")
        .withName("tenants")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"targetVersion\":\"2\"}}");
    MockApiSettings.use(client, "apps");

    Cli.Result status = new Cli().run("fleet", "status", "--migration", "tenants");
    assertThat(status.code()).as(status.all()).isEqualTo(1);
    List<String> lines = status.out().lines().toList();
    assertThat(lines.get(2)).startsWith("tenant_a").contains(" 2 ").contains("at target");
    assertThat(lines.get(3)).startsWith("tenant_b").contains(" 1 ").contains("behind");
    assertThat(lines.get(4)).startsWith("tenant_c").contains("(none)").contains("behind");
    assertThat(status.out()).contains("3 targets; target version 2, 1 at it");

    Cli.Result json = new Cli().run("fleet", "status", "--migration", "tenants", "-o", "json");
    assertThat(json.out()).contains("\"target\" : \"tenant_b\"", "\"applied\" : \"1\"");

    Cli.Result single = new Cli().run("fleet", "status", "--migration", "missing");
    assertThat(single.code()).isEqualTo(9);
    assertThat(single.err()).contains("DatabaseMigration apps/missing does not exist");
  }
}
