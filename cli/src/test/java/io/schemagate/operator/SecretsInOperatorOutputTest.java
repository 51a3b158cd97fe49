package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.CredentialsSecret;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.SecretKeyRef;
import io.schemagate.api.UrlSource;
import io.schemagate.testing.CliProcess;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.MockApi;
import io.schemagate.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One distinctive password through every output of an operator process logging at debug level: its
 * status, its Events and its log. The password reaches the operator from Secrets, and drivers
 * repeat it in their messages (a failed cast shows the value); it appears nowhere.
 */
@LiveOperator
class SecretsInOperatorOutputTest {
  private static final String NS = "apps";
  private static final String SECRET = "Distinct-Operator-Pw-93";

  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  private KubernetesClient client;

  @BeforeEach
  void client() {
    client = api.client();
  }

  private void secret(String name, Map<String, String> data) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  private static DatabaseMigration fromSecret(String name, String secret, String script) {
    DatabaseMigration resource =
        OperatorHarness.inline(
            NS, name, null, Map.of("V1__" + name.replace('-', '_') + ".sql", script));
    resource.getSpec().database.urlFrom = new UrlSource();
    resource.getSpec().database.urlFrom.secretKeyRef = new SecretKeyRef();
    resource.getSpec().database.urlFrom.secretKeyRef.name = secret;
    resource.getSpec().database.urlFrom.secretKeyRef.key = "url";
    resource.getSpec().database.schemas = List.of(name.replace('-', '_'));
    return resource;
  }

  @Test
  void aDistinctivePasswordIsInNoStatusEventOrLogLineAtDebugLevel() throws Exception {
    OperatorHarness harness = api.harness();
    TestDatabase pg = Databases.postgres();
    List<String> expected = new ArrayList<>();

    // The driver repeats the password in its error: a script casts it to a number.
    harness.credentials(NS, "pg-login", "postgres", SECRET);
    DatabaseMigration cast =
        OperatorHarness.inline(
            NS,
            "cast",
            pg.url().replace("postgres@", ""),
            Map.of("V1__cast.sql", "SELECT CAST('" + SECRET + "' AS INTEGER);"));
    cast.getSpec().database.credentialsSecret = new CredentialsSecret();
    cast.getSpec().database.credentialsSecret.name = "pg-login";
    cast.getSpec().database.schemas = List.of("cast_test");
    harness.apply(cast);
    expected.add("cast:" + Reason.MigrationFailed);

    // A finding's statement and the plan's SQL spell the password: the plan waits, shown.
    DatabaseMigration linted =
        OperatorHarness.inline(
            NS,
            "linted",
            pg.url().replace("postgres@", ""),
            Map.of("V1__settings.sql", "UPDATE app_settings SET token = '" + SECRET + "';"));
    linted.getSpec().database.credentialsSecret = new CredentialsSecret();
    linted.getSpec().database.credentialsSecret.name = "pg-login";
    linted.getSpec().database.schemas = List.of("linted_test");
    linted.getSpec().policy.lint.action = io.schemagate.api.LintAction.RequireApproval;
    harness.apply(linted);
    expected.add("linted:" + Reason.ApprovalPending);

    // The whole URL, user info and all, in a Secret.
    secret("pg-url", Map.of("url", pg.url().replace("postgres@", "postgres:" + SECRET + "@")));
    harness.apply(fromSecret("user-info", "pg-url", "CREATE TABLE t (id INT);"));
    expected.add("user-info:" + Reason.Applied);

    // A secret-named parameter is refused by name, without its value.
    secret("ssl-url", Map.of("url", pg.url() + "?sslpassword=" + SECRET));
    harness.apply(fromSecret("ssl-password", "ssl-url", "CREATE TABLE t (id INT);"));
    expected.add("ssl-password:" + Reason.InvalidSpec);

    TestDatabase mariadb = Databases.mariadbOrPlaceholder();
    if (mariadb.url() != null) {
      // A wrong password as user info: MariaDB's driver would print a misparsed one.
      secret("maria-url", Map.of("url", mariadb.url().replace("root@", "root:" + SECRET + "@")));
      harness.apply(fromSecret("maria", "maria-url", "CREATE TABLE t (id INT);"));
      expected.add("maria:" + Reason.AuthenticationFailed);
    }

    CliProcess operator =
        CliProcess.start(
            MockApi.operatorEnvironment(client, NS),
            "operator",
            "--http-port=0",
            "--log-level=debug",
            "--retry-min=200ms",
            "--retry-max=2s",
            "--connect-timeout=2s",
            "--gate=false");
    String log;
    try {
      for (String wanted : expected) {
        String[] parts = wanted.split(":");
        try {
          harness.awaitReason(NS, parts[0], Reason.valueOf(parts[1]));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(
              parts[0]
                  + " did not reach "
                  + parts[1]
                  + ": "
                  + Serialization.asJson(harness.get(NS, parts[0]).getStatus())
                  + "\n"
                  + operator.output(),
              e);
        }
      }
    } finally {
      operator.kill();
      log = operator.output();
    }
    assertThat(log).contains("DEBUG").contains("MigrationFailed");
    assertThat(harness.get(NS, "cast").getStatus().failure.message)
        .contains("invalid input syntax for type integer")
        .contains("***");
    assertThat(harness.get(NS, "linted").getStatus().plan.findings.get(0).statement)
        .isEqualTo("UPDATE app_settings SET token = '***'");
    List<String> outputs = new ArrayList<>(harness.statusesAndEvents(NS));
    outputs.add(log);
    assertThat(outputs).hasSizeGreaterThan(5).noneMatch(text -> text.contains(SECRET));
  }
}
