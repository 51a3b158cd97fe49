package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.schemagate.testing.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's CA certificate comes from a Secret as text, never from a path: against a real
 * PostgreSQL with TLS, the right CA connects with the host name verified, another CA is refused,
 * and text that is not a PEM certificate (a path, a URL) never reaches the driver.
 */
class TrustedCertificateTest {
  private static final TargetPolicy TENANT = TargetPolicy.tenant("apps", Optional.empty());
  @TempDir static Path dir;
  private static EmbeddedPostgres server;
  private static String serverCertificate;
  private static String otherCertificate;

  /** A self-signed certificate for localhost, made with the machine's openssl. */
  private static String certificate(String name) throws Exception {
    Process openssl =
        new ProcessBuilder(
                List.of(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "1",
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=DNS:localhost",
                    "-keyout",
                    dir.resolve(name + ".key").toString(),
                    "-out",
                    dir.resolve(name + ".crt").toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(output).isZero();
    Files.setPosixFilePermissions(
        dir.resolve(name + ".key"), PosixFilePermissions.fromString("rw-------"));
    return Files.readString(dir.resolve(name + ".crt"));
  }

  @BeforeAll
  static void start() throws Exception {
    serverCertificate = certificate("server");
    otherCertificate = certificate("other");
    server =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Databases.POSTGRES_STARTUP)
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toString())
            .setServerConfig("ssl_key_file", dir.resolve("server.key").toString())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String url(String parameters) {
    return "postgresql://postgres@localhost:" + server.getPort() + "/postgres" + parameters;
  }

  private static boolean encrypted(DatabaseUrl url) throws Exception {
    try (Connection connection = ConnectionPools.connectDirectly(url, Duration.ofSeconds(5));
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  @Test
  void theCaFromTheSecretVerifiesTheServerAndItsHostName() throws Exception {
    DatabaseUrl verified =
        DatabaseUrl.parse(url(""), TENANT).withTrustedCertificate(serverCertificate);
    assertThat(verified.driverProperties(Duration.ofSeconds(1)))
        .containsEntry("sslmode", "verify-full")
        .containsEntry("sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory");
    assertThat(encrypted(verified)).isTrue();

    DatabaseUrl wrongCa =
        DatabaseUrl.parse(url(""), TENANT).withTrustedCertificate(otherCertificate);
    assertThat(catchThrowable(() -> encrypted(wrongCa))).isNotNull();

    // A host name the certificate does not name fails verify-full, as it should.
    DatabaseUrl byAddress =
        DatabaseUrl.parse(url("").replace("localhost", "127.0.0.1"), TENANT)
            .withTrustedCertificate(serverCertificate);
    assertThat(catchThrowable(() -> encrypted(byAddress))).isNotNull();

    // The URL's own mode wins: require checks the chain but not the host name.
    DatabaseUrl required =
        DatabaseUrl.parse(url("?sslmode=require").replace("localhost", "127.0.0.1"), TENANT)
            .withTrustedCertificate(serverCertificate);
    assertThat(encrypted(required)).isTrue();
  }

  @Test
  void onlyPemCertificateTextReachesTheDriver() {
    DatabaseUrl url = DatabaseUrl.parse(url(""), TENANT);
    for (String notPem :
        new String[] {
          "file:/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
          "classpath:logback.xml",
          "env:HOME",
          "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n",
        }) {
      assertThatThrownBy(() -> url.withTrustedCertificate(notPem))
          .as(notPem)
          .isInstanceOf(InvalidDatabaseUrlException.class)
          .hasMessageContaining("CA certificate");
    }
    assertThatThrownBy(
            () ->
                DatabaseUrl.parse("mysql://db:3306/app", TENANT)
                    .withTrustedCertificate(serverCertificate))
        .hasMessageContaining("Use a mariadb:// URL");
    assertThat(
            DatabaseUrl.parse("mariadb://db:3306/app", TENANT)
                .withTrustedCertificate(serverCertificate)
                .driverProperties(Duration.ofSeconds(1)))
        .containsEntry("sslMode", "verify-full")
        .containsKey("serverSslCert");
  }
}
