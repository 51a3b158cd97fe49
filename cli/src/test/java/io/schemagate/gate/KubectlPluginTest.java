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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl schemagate}: the plugin's verbs on the current context and namespace of a
 * kubeconfig, against the mock API server. The operator is not running: the tests set the status it
 * would write and read the annotations it would act on.
 */
@EnableKubernetesMockClient(crud = true)
class KubectlPluginTest {
  KubernetesClient client;
  @TempDir Path dir;
  private Path kubeconfig;

  @BeforeEach
  void kubeconfigWithNamespaceShop() throws Exception {
    OperatorHarnessAccess.installCrd(client);
    kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
          - name: dev
            user: {token: not-a-secret}
        contexts:
          - name: dev
            context: {cluster: mock, user: dev, namespace: shop}
          - name: other
            context: {cluster: mock, user: dev, namespace: chat}
        current-context: dev
        """
            .formatted(client.getMasterUrl()));
  }

  private Path write(String server) throws java.io.IOException {
    Path file = dir.resolve("elsewhere");
    Files.writeString(
        file, Files.readString(kubeconfig).replace(client.getMasterUrl().toString(), server));
    return file;
  }

  private Cli kubectl() {
    return new Cli().env("SCHEMAGATE_PLUGIN", "kubectl").env("KUBECONFIG", kubeconfig.toString());
  }

  private void create(String namespace, String name, String status) {
    DatabaseMigration resource = OperatorHarnessAccess.suspended(namespace, name);
    client.resource(resource).create();
    client
        .resources(DatabaseMigration.class)
        .inNamespace(namespace)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + status + "}");
  }

  private static String ready(String reason, String message) {
    return "\"conditions\":[{\"type\":\"Ready\",\"status\":\""
        + (reason.equals("Applied") ? "True" : "False")
        + "\",\"reason\":\""
        + reason
        + "\",\"message\":\""
        + message
        + "\",\"lastTransitionTime\":\"2026-12-07T00:00:00Z\"}]";
  }

  private static String waiting(String planId) {
    return "{\"appliedVersion\":\"6\",\"targetVersion\":\"8\",\"pendingCount\":2,"
        + ready("ApprovalPending", "plan " + planId + " waits for approval")
        + ",\"plan\":{\"id\":\""
        + planId
        + "\",\"direction\":\"up\",\"fromVersion\":\"6\",\"toVersion\":\"8\","
        + "\"scripts\":[\"V7__add_locale.sql\",\"V8__drop_nick.sql\"],\"findingCount\":1,"
        + "\"findings\":[{\"rule\":\"drop-column\",\"severity\":\"Warning\",\"script\":"
        + "\"V8__drop_nick.sql\",\"line\":1,\"why\":\"a drop removes data\"}],"
        + "\"contractSteps\":[{\"version\":\"8\",\"script\":\"V8__drop_nick.sql\","
        + "\"waitingFor\":[\"shop/web-1\"]}]}}";
  }

  private Map<String, String> annotations(String namespace, String name) {
    Map<String, String> annotations =
        client
            .resources(DatabaseMigration.class)
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getMetadata()
            .getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  @Test
  void statusListsTheCurrentNamespaceAndShowsOneInFull() {
    create("shop", "orders", waiting("p-1"));
    create(
        "shop",
        "users",
        "{\"appliedVersion\":\"3\",\"targetVersion\":\"3\"," + ready("Applied", "at 3") + "}");
    create(
        "chat",
        "tenants",
        "{\"appliedVersion\":\"2\","
            + ready("Halted", "2 targets failed")
            + ",\"fleet\":{\"targets\":10,\"ready\":7,\"failed\":2,\"halted\":true,"
            + "\"failing\":[{\"target\":\"eu-3\",\"reason\":\"MigrationFailed\","
            + "\"script\":\"V3__x.sql\",\"line\":4,\"message\":\"syntax error\"}]}}");

    Cli.Result list = kubectl().run("status");
    assertThat(list.code()).as(list.all()).isZero();
    assertThat(list.out().lines().toList())
        .hasSize(4)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("NAME").contains("REASON"))
        .anySatisfy(line -> assertThat(line).startsWith("orders").contains("ApprovalPending"))
        .anySatisfy(line -> assertThat(line).startsWith("users").contains("Applied"))
        .noneSatisfy(line -> assertThat(line).contains("tenants"));

    Cli.Result everywhere = kubectl().run("status", "-A");
    assertThat(everywhere.out()).contains("chat").contains("7/10").contains("Halted");
    Cli.Result otherContext = kubectl().run("status", "--context", "other");
    assertThat(otherContext.out()).contains("tenants").doesNotContain("orders");

    Cli.Result fleet = kubectl().run("status", "tenants", "-n", "chat");
    assertThat(fleet.out())
        .contains("DatabaseMigration chat/tenants")
        .contains("10 targets: 7 ready")
        .contains("HALTED")
        .contains("eu-3: MigrationFailed V3__x.sql:4 syntax error");
  }

  @Test
  void planShowsWhatAnApprovalWouldRun() {
    create("shop", "orders", waiting("p-1"));
    Cli.Result plan = kubectl().run("plan", "orders");
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("Plan p-1 of shop/orders: up from 6 to 8, 2 scripts")
        .contains("V8__drop_nick.sql  (contract step, waits for shop/web-1)")
        .contains("WARNING drop-column V8__drop_nick.sql:1")
        .contains("kubectl schemagate approve orders --plan p-1");
  }

  @Test
  void approveSetsTheIdShownAndRefusesAPlanThatChanged() {
    create("shop", "orders", waiting("p-2"));
    Cli.Result stale = kubectl().run("approve", "orders", "--plan", "p-1");
    assertThat(stale.code()).as(stale.all()).isEqualTo(ExitCodes.REFUSED);
    assertThat(stale.err()).contains("changed since it was shown: it is now p-2");
    assertThat(annotations("shop", "orders")).doesNotContainKey("schemagate.io/approve");

    Cli.Result unconfirmed = kubectl().run("approve", "orders");
    assertThat(unconfirmed.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(annotations("shop", "orders")).doesNotContainKey("schemagate.io/approve");

    Cli.Result approved = kubectl().run("approve", "orders", "--plan", "p-2");
    assertThat(approved.code()).as(approved.all()).isZero();
    assertThat(approved.out()).contains("Approved plan p-2 of shop/orders");
    assertThat(annotations("shop", "orders")).containsEntry("schemagate.io/approve", "p-2");

    // The same plan once more, after it ran: a new value, or the operator would not act again.
    client
        .resources(DatabaseMigration.class)
        .inNamespace("shop")
        .withName("orders")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"lastApproval\":\"p-2\"}}");
    assertThat(kubectl().input("yes\n").run("approve", "orders").code()).isZero();
    assertThat(annotations("shop", "orders").get("schemagate.io/approve")).startsWith("p-2@");
  }

  @Test
  void approveRefusesWhatWaitsForNoApproval() {
    create("shop", "users", "{\"appliedVersion\":\"3\"," + ready("Applied", "at 3") + "}");
    Cli.Result result = kubectl().run("approve", "users", "--yes");
    assertThat(result.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.err()).contains("shop/users has no plan waiting for approval (Applied)");
  }

  @Test
  void resumeAndRepairSetTheirAnnotations() {
    create(
        "shop",
        "users",
        "{\"appliedVersion\":\"3\"," + ready("MigrationFailed", "V4 failed") + "}");
    create(
        "shop",
        "tenants",
        "{"
            + ready("Halted", "2 failed")
            + ",\"fleet\":{\"targets\":3,\"failed\":2,\"halted\":true}}");

    Cli.Result notAFleet = kubectl().run("resume", "users");
    assertThat(notAFleet.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(notAFleet.err()).contains("is not a fleet");
    Cli.Result resumed = kubectl().run("resume", "tenants");
    assertThat(resumed.code()).as(resumed.all()).isZero();
    assertThat(annotations("shop", "tenants")).containsKey("schemagate.io/resume");

    assertThat(kubectl().run("repair", "users").code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(annotations("shop", "users")).doesNotContainKey("schemagate.io/repair");
    Cli.Result repaired = kubectl().run("repair", "users", "--yes");
    assertThat(repaired.code()).as(repaired.all()).isZero();
    assertThat(annotations("shop", "users")).containsKey("schemagate.io/repair");
  }

  @Test
  void historyAndMistakes() throws Exception {
    create(
        "shop",
        "orders",
        "{\"history\":[{\"version\":\"2\",\"description\":\"add b\",\"type\":\"SQL\","
            + "\"state\":\"Success\",\"installedOn\":\"2026-12-07T01:00:00Z\","
            + "\"executionMillis\":12}]}");
    Cli.Result history = kubectl().run("history", "orders");
    assertThat(history.out()).contains("VERSION").contains("add b").contains("Success");

    Cli.Result missing = kubectl().run("plan", "nope");
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(missing.err())
        .isEqualTo(
            "error: DatabaseMigration shop/nope not found; 'kubectl schemagate status' lists those of"
                + " the namespace\n");

    Cli.Result help = kubectl().run("--help");
    assertThat(help.out())
        .startsWith("Usage: kubectl schemagate")
        .contains("status", "plan", "approve", "resume", "repair", "history");
    assertThat(kubectl().run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);

    // A kubeconfig whose server does not answer: one line, exit 3, no exception's name.
    Cli.Result unreachable =
        new Cli()
            .env("SCHEMAGATE_PLUGIN", "kubectl")
            .run("status", "--kubeconfig", write("https://127.0.0.1:1").toString());
    assertThat(unreachable.code()).as(unreachable.all()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err())
        .startsWith("error: Cannot reach the Kubernetes API: ")
        .doesNotContain("Exception", "not-a-secret");
  }
}
