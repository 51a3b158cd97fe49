package io.schemagate.db;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Map;

/**
 * A CA certificate given as text, and the driver properties that make a driver check the server
 * against it. The text must be PEM: both drivers read their argument as a path or a URL otherwise
 * ({@code file:}, {@code classpath:}), which would let a tenant point them at the operator's files.
 */
final class TrustedCertificate {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

  private TrustedCertificate() {}

  /** The certificate text, checked to be PEM certificates and nothing else. */
  static String check(DatabaseKind kind, String pem) {
    if (kind != DatabaseKind.POSTGRESQL && kind != DatabaseKind.MARIADB) {
      throw new InvalidDatabaseUrlException(
          "A CA certificate from a Secret works with postgresql:// and mariadb:// URLs; MySQL"
              + " Connector/J reads trust stores from files only. Use a mariadb:// URL (MariaDB"
              + " Connector/J also speaks to MySQL servers)");
    }
    String text = pem == null ? "" : pem.strip();
    if (!text.startsWith(BEGIN)) {
      throw new InvalidDatabaseUrlException(
          "The CA certificate is not PEM text: it must start with " + BEGIN);
    }
    try {
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
          .isEmpty()) {
        throw new CertificateException("no certificate");
      }
    } catch (CertificateException e) {
      throw new InvalidDatabaseUrlException(
          "The CA certificate cannot be read as an X.509 certificate in PEM form");
    }
    return text + "\n";
  }

  /**
   * The properties that check the server against {@code pem}; the mode verifies the host name too
   * unless the URL chooses another (URL parameters win over properties).
   */
  static Map<String, String> properties(DatabaseKind kind, String pem) {
    return switch (kind) {
      case POSTGRESQL ->
          Map.of(
              "sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory",
              "sslfactoryarg", pem,
              "sslmode", "verify-full");
      case MARIADB -> Map.of("serverSslCert", pem, "sslMode", "verify-full");
      default -> Map.of();
    };
  }
}
