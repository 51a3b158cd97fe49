package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A tenant's URL: network databases only, rebuilt from allowed parts, driver features off. */
class TargetPolicyTest {
  private static final TargetPolicy TENANT = TargetPolicy.tenant("apps", Optional.empty());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "h2:mem:shared",
        "h2:file:/var/lib/data/app",
        "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM '/var/run/secrets/kubernetes.io/serviceaccount/token'",
        "h2:mem:x;PASSWORD=Distinct-77",
        "sqlite:////tmp/schemagate-tenant/app.db",
        "sqlite:///app.db",
        "jdbc:sqlite:/tmp/x.db?enable_load_extension=true"
      })
  void h2AndSqliteAreRefusedNamingTheFlagThatAllowsThem(String url, @TempDir Path dir) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url, TENANT))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("inside the operator")
        .hasMessageContaining("--allow-local-databases")
        .hasMessageNotContaining("Distinct-77");
    assertThat(Path.of("/tmp/schemagate-tenant")).doesNotExist();
  }

  @Test
  void allowedLocalDatabasesStayBelowTheNamespacesFolderWithoutSettings(@TempDir Path dir) {
    TargetPolicy local = TargetPolicy.tenant("apps", Optional.of(dir));
    DatabaseUrl sqlite = DatabaseUrl.parse("sqlite:///data/app.db", local);
    assertThat(sqlite.sqliteFile()).contains(dir.resolve("apps/data/app.db"));
    assertThat(sqlite.driverProperties(Duration.ofSeconds(1)))
        .containsEntry("enable_load_extension", "false")
        .containsEntry("limit_attached", "0");
    assertThat(DatabaseUrl.parse("h2:mem:shared", local).jdbcUrl())
        .isEqualTo("jdbc:h2:mem:apps__shared;DB_CLOSE_DELAY=-1");
    assertThat(DatabaseUrl.parse("h2:file:app", local).jdbcUrl())
        .isEqualTo("jdbc:h2:file:" + dir.resolve("apps/app"));
    for (String bad :
        new String[] {
          "sqlite:///../other/app.db",
          "sqlite:////etc/app.db",
          "sqlite:///app.db?journal_mode=off",
          "h2:file:app;INIT=RUNSCRIPT FROM 'x'",
          "h2:file:../app",
          "h2:mem:x;MODE=MySQL",
        }) {
      assertThatThrownBy(() -> DatabaseUrl.parse(bad, local))
          .as(bad)
          .isInstanceOf(InvalidDatabaseUrlException.class)
          .satisfiesAnyOf(
              e ->
                  assertThat(e)
                      .hasMessageContaining("below the operator's data folder")
                      .hasMessageContaining("without '..' or settings"),
              e -> assertThat(e).hasMessageContaining("and no settings"));
    }
    assertThatThrownBy(() -> DatabaseUrl.parse("h2:tcp://db/app", local))
        .hasMessageContaining("server mode");
    assertThat(Files.exists(dir.resolve("other"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://db:5432/app?socketFactory=org.example.Evil|socketFactory",
        "postgresql://db:5432/app?sslfactory=org.example.Evil|sslfactory",
        "postgresql://db:5432/app?sslhostnameverifier=org.example.Evil|sslhostnameverifier",
        "postgresql://db:5432/app?authenticationPluginClassName=org.example.Evil|authenticationPluginClassName",
        "postgresql://db:5432/app?sslrootcert=/var/run/secrets/ca.crt|sslrootcert",
        "postgresql://db:5432/app?options=-c%20statement_timeout%3D0|options",
        "postgresql://db:5432/app?loggerFile=/tmp/log|loggerFile",
        "jdbc:postgresql://db:5432/app?connectTimeout=3600|connectTimeout",
        "postgresql://db:5432/app?socketTimeout=0|socketTimeout",
        "postgresql://db:5432/app?loginTimeout=0|loginTimeout",
        "mariadb://db:3306/app?socketTimeout=0|socketTimeout",
        "mysql://db:3306/app?allowLoadLocalInfile=true|allowLoadLocalInfile",
        "mysql://db:3306/app?allowUrlInLocalInfile=true|allowUrlInLocalInfile",
        "mysql://db:3306/app?allowLoadLocalInfileInPath=/|allowLoadLocalInfileInPath",
        "mysql://db:3306/app?autoDeserialize=true|autoDeserialize",
        "jdbc:mysql://db:3306/app?queryInterceptors=org.example.Evil|queryInterceptors",
        "jdbc:mysql://db:3306/app?exceptionInterceptors=org.example.Evil|exceptionInterceptors",
        "jdbc:mysql://db:3306/app?connectionLifecycleInterceptors=x|connectionLifecycleInterceptors",
        "mysql://db:3306/app?sessionVariables=max_execution_time%3D0|sessionVariables",
        "mariadb://db:3306/app?allowLocalInfile=true|allowLocalInfile",
        "mariadb://db:3306/app?socketFactory=org.example.Evil|socketFactory",
        "mariadb://db:3306/app?localSocket=/var/run/mysqld/mysqld.sock|localSocket",
        "jdbc:mariadb://db:3306/app?serverSslCert=/etc/ssl/ca.pem|serverSslCert",
      })
  void everyParameterOutsideTheAllowListIsRefusedByName(String url, String parameter) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url, TENANT))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("'" + parameter + "'")
        .hasMessageContaining("does not pass to the driver")
        .hasMessageContaining("docs/SECURITY.md");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://db:5432/app?sslpassword=Distinct-77",
        "mysql://db:3306/app?password1=Distinct-77",
        "jdbc:mysql://db:3306/app?trustCertificateKeyStorePassword=Distinct-77",
        "mariadb://db:3306/app?keyStorePassword=Distinct-77",
        "mariadb://db:3306/app?credentialType=ENV",
      })
  void secretParametersAreRefusedWithoutShowingTheirValue(String url) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url, TENANT))
        .hasMessageContaining("the password goes into spec.database.credentialsSecret")
        .hasMessageNotContaining("Distinct-77");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://app:Distinct-77@db:5432/app",
        "postgresql://db:5432/app?password=Distinct-77",
        "jdbc:postgresql://db:5432/app?user=app&password=Distinct-77",
        "jdbc:mysql://app:Distinct-77@db:3306/app",
        "mariadb://app:Distinct-77@db:3306/app",
      })
  void aPasswordInAnyFormBecomesACredentialNeverPartOfTheJdbcUrl(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url, TENANT);
    assertThat(parsed.password()).contains("Distinct-77");
    assertThat(parsed.jdbcUrl()).doesNotContain("Distinct-77").doesNotContain("@");
    assertThat(parsed.redacted()).doesNotContain("Distinct-77");
    assertThat(parsed.secrets().redact("login failed for Distinct-77"))
        .isEqualTo("login failed for ***");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:mysql://address=(host=db)(allowLoadLocalInfile=true)/app",
        "jdbc:mysql://(host=db,allowLoadLocalInfile=true)/app",
        "jdbc:mariadb:replication://db1,db2/app",
        "jdbc:mysql:loadbalance://db1,db2/app",
        "jdbc:postgresql:app",
        "postgresql://db:5432,evil host/app",
        "postgresql://db:99999/app",
      })
  void unusualHostFormsAreRefused(String url) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url, TENANT))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .satisfiesAnyOf(
            e -> assertThat(e).hasMessageContaining("plain form"),
            e -> assertThat(e).hasMessageContaining("host or host:port"),
            e -> assertThat(e).hasMessageContaining("port 99999"));
  }

  @Test
  void valuesThatCouldSmuggleAnotherSettingAreRefused() {
    assertThatThrownBy(
            () ->
                DatabaseUrl.parse(
                    "postgresql://db:5432/app?sslmode=require%26socketFactory%3Dx", TENANT))
        .hasMessageContaining("value for 'sslmode'");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db:5432/a;b", TENANT))
        .hasMessageContaining("names the database");
  }

  @Test
  void theJdbcUrlIsRebuiltFromAllowedPartsAndDriverFeaturesAreForcedOff() {
    DatabaseUrl pg =
        DatabaseUrl.parse(
            "postgresql+psycopg2://app@db-1.apps.svc:5432,db-2:5432/app?sslmode=verify-full"
                + "&targetServerType=primary",
            TENANT);
    assertThat(pg.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db-1.apps.svc:5432,db-2:5432/app?sslmode=verify-full"
                + "&targetServerType=primary");
    assertThat(pg.strict()).isTrue();
    assertThat(pg.driverProperties(Duration.ofSeconds(10)))
        .containsEntry("gssEncMode", "disable")
        .containsEntry("connectTimeout", "10");
    DatabaseUrl mysql = DatabaseUrl.parse("jdbc:mysql://db:3306/app?sslMode=REQUIRED", TENANT);
    assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/app?sslMode=REQUIRED");
    assertThat(mysql.database()).contains("app");
    assertThat(mysql.driverProperties(Duration.ofSeconds(10)))
        .containsEntry("allowLoadLocalInfile", "false")
        .containsEntry("allowUrlInLocalInfile", "false")
        .containsEntry("autoDeserialize", "false");
    assertThat(
            DatabaseUrl.parse("mariadb://db/app", TENANT).driverProperties(Duration.ofSeconds(1)))
        .containsEntry("allowLocalInfile", "false");
  }

  @Test
  void aTrustedUserKeepsEveryFormAndParameterWithSafeDefaults() {
    DatabaseUrl url = DatabaseUrl.parse("mariadb://root@127.0.0.1:3306/test?allowLocalInfile=true");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test?allowLocalInfile=true");
    assertThat(url.strict()).isFalse();
    // The default is off; the URL's explicit choice wins for a trusted user.
    assertThat(url.driverProperties(Duration.ofSeconds(1)))
        .containsEntry("allowLocalInfile", "false");
    DatabaseUrl odd =
        DatabaseUrl.parse("jdbc:mariadb:replication://db1,db2/app?password=Distinct-77");
    assertThat(odd.jdbcUrl())
        .isEqualTo("jdbc:mariadb:replication://db1,db2/app?password=Distinct-77");
    assertThat(odd.redacted()).doesNotContain("Distinct-77");
    assertThat(odd.secrets().values()).containsExactly("Distinct-77");
    assertThat(DatabaseUrl.parse("h2:mem:x;PASSWORD=Distinct-77").secrets().values())
        .containsExactly("Distinct-77");
  }

  @Test
  void theAllowListIsDocumentedInSecurityMd() throws Exception {
    String document = Files.readString(Path.of("../docs/SECURITY.md"));
    for (DatabaseKind kind :
        new DatabaseKind[] {DatabaseKind.POSTGRESQL, DatabaseKind.MYSQL, DatabaseKind.MARIADB}) {
      for (String parameter : DriverPolicy.allowedParameters(kind)) {
        assertThat(document).as(kind + " " + parameter).contains("`" + parameter + "`");
      }
      DriverPolicy.forcedProperties(kind, Duration.ofSeconds(1))
          .keySet()
          .forEach(
              property -> assertThat(document).as(kind + " forced " + property).contains(property));
    }
  }
}
