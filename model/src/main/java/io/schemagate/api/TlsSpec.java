package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the operator checks the database server's certificate. */
public class TlsSpec {
  @JsonPropertyDescription(
      "The CA certificate (PEM) that signed the server's certificate, from a key of a Secret in"
          + " this namespace. PostgreSQL and MariaDB URLs; without sslmode/sslMode in the URL the"
          + " connection is then verified in full (certificate and host name).")
  public CertificateSource caCertificate;
}
