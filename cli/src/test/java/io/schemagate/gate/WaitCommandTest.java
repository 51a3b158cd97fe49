package io.schemagate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.cli.ExitCodes;
import io.schemagate.operator.OperatorHarnessAccess;
import io.schemagate.testing.Cli;
import io.schemagate.testing.Databases;
import io.schemagate.testing.MockApiSettings;
import io.schemagate.testing.TestDatabase;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code schemagate wait} against a DatabaseMigration and against a real database. */
@EnableKubernetesMockClient(crud = true)
class WaitCommandTest {
  KubernetesClient client;

  @AfterEach
  void clearClientSettings() {
    MockApiSettings.clear();
  }

  /** The command line's client talks to the mock API server, as in a pod of namespace apps. */
  private void useTheMockApi() {
    MockApiSettings.use(client, "apps");
  }

  /** {@code wait} for {@code version} of apps/app, giving up after one second. */
  private static Cli.Result waitBriefly(String version) {
    return new Cli()
        .run(
            "wait",
            "--migration",
            "app",
            "--version",
            version,
            "--timeout",
            "1s",
            "--interval",
            "200ms");
  }

  private void setApplied(String version) {
    setStatus("{\"appliedVersion\":\"" + version + "\"}");
  }

  private void setStatus(String status) {
    client
        .resources(DatabaseMigration.class)
        .inNamespace("apps")
        .withName("app")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + status + "}");
  }

  @Test
  void waitsForAResourceThroughTheApi() throws Exception {
    OperatorHarnessAccess.installCrd(client);
    client.resource(OperatorHarnessAccess.suspended("apps", "app")).create();
    setApplied("2");
    useTheMockApi();

    Cli.Result reached = new Cli().run("wait", "--migration", "app", "--version", "2");
    assertThat(reached.code()).as(reached.all()).isZero();
    assertThat(reached.out()).contains("DatabaseMigration apps/app is at version 2");

    Cli.Result timedOut = waitBriefly("3");
    assertThat(timedOut.code()).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(timedOut.err())
        .contains(
            "timed out after 1 s waiting for DatabaseMigration apps/app to reach version 3 (last seen: 2)");

    CompletableFuture<Void> later =
        CompletableFuture.runAsync(
            () -> {
              sleep(700);
              setApplied("3");
            });
    Cli.Result waited =
        new Cli()
            .run(
                "wait",
                "--migration",
                "app",
                "--version",
                "3",
                "--timeout",
                "30s",
                "--interval",
                "100ms");
    later.join();
    assertThat(waited.code()).as(waited.all()).isZero();
  }

  @Test
  void aVersionThatIsAPendingContractStepIsReachedAsTheGateReleasesIt() throws Exception {
    OperatorHarnessAccess.installCrd(client);
    client.resource(OperatorHarnessAccess.suspended("apps", "app")).create();
    setStatus(
        "{\"appliedVersion\":\"2\",\"pending\":[{\"version\":\"3\",\"script\":\"V3__drop.sql\"},"
            + "{\"version\":\"4\",\"script\":\"V4__add.sql\"}],"
            + "\"plan\":{\"id\":\"abc\",\"contractSteps\":[{\"version\":\"3\"}]}}");
    useTheMockApi();

    Cli.Result contract = new Cli().run("wait", "--migration", "app", "--version", "3");
    assertThat(contract.code()).as(contract.all()).isZero();
    assertThat(contract.out())
        .contains(
            "DatabaseMigration apps/app is at version 2; every version up to 3 still pending is a"
                + " contract step");
    // 4 comes after the contract step and is an ordinary one: it must be applied.
    Cli.Result after = waitBriefly("4");
    assertThat(after.code()).isEqualTo(ExitCodes.TIMED_OUT);
  }

  @Test
  void waitsForADatabaseHistory() throws Exception {
    TestDatabase db = Databases.sqlite();
    Cli cli =
        new Cli()
            .env("DATABASE_URL", db.url())
            .env("MIGRATIONS_DIR", Databases.exampleMigrations().toString());
    assertThat(cli.run("upgrade", "3").code()).isZero();
    // wait reads only the history: it needs no bundle.
    Cli waiter = new Cli().env("DATABASE_URL", db.url());
    assertThat(waiter.run("wait", "--version", "3").code()).isZero();
    // The rollout's one version grammar (VersionGrammarTest has the whole table).
    assertThat(waiter.run("wait", "--version", "V3").code()).isZero();
    assertThat(waiter.run("wait", "--version", "2_0").code()).isZero();
    Cli.Result notAVersion = waiter.run("wait", "--version", "latest");
    assertThat(notAVersion.code()).isNotZero();
    assertThat(notAVersion.err()).contains("--version 'latest' is not a version");
    Cli.Result timedOut =
        waiter.run("wait", "--version", "5", "--timeout", "1s", "--interval", "200ms");
    assertThat(timedOut.code()).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(timedOut.err()).contains("(last seen: 3)");

    CompletableFuture<Integer> later =
        CompletableFuture.supplyAsync(
            () -> {
              sleep(700);
              return cli.run("upgrade").code();
            });
    Cli.Result waited =
        waiter.run("wait", "--version", "6", "--timeout", "60s", "--interval", "200ms");
    assertThat(later.join()).isZero();
    assertThat(waited.code()).as(waited.all()).isZero();
    assertThat(waited.out()).contains("is at version 6");

    Cli.Result unreachable =
        new Cli()
            .env("DATABASE_URL", "postgresql://app:Wait-Pw-1@127.0.0.1:1/x")
            .run(
                "wait",
                "--version",
                "1",
                "--timeout",
                "1s",
                "--interval",
                "200ms",
                "--connect-timeout",
                "1s");
    assertThat(unreachable.code()).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(unreachable.err()).contains("Cannot reach the database").doesNotContain("Wait-Pw-1");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
