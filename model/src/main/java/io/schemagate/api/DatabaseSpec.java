package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The target database: its URL (inline or from a Secret), credentials, schemas and table. */
@ValidationRule(
    value = "has(self.url) != has(self.urlFrom)",
    message = "set exactly one of spec.database.url and spec.database.urlFrom")
public class DatabaseSpec {
  @JsonPropertyDescription(
      "Database URL: postgresql://host:5432/db, mysql://host:3306/db, mariadb://host/db, or"
          + " jdbc:postgresql|mysql|mariadb://host:port/db, with the parameters listed in"
          + " docs/SECURITY.md. No password: use credentialsSecret, or urlFrom for a URL that"
          + " carries one. H2 and SQLite only where the operator runs with"
          + " --allow-local-databases.")
  public String url;

  @JsonPropertyDescription("Read the URL from a key of a Secret in this namespace, instead of url.")
  public UrlSource urlFrom;

  @JsonPropertyDescription("A Secret in this namespace holding the user name and the password.")
  public CredentialsSecret credentialsSecret;

  @JsonPropertyDescription(
      "TLS: the CA certificate the server's certificate is checked against, from a Secret."
          + " Certificates are never read from the operator's files.")
  public TlsSpec tls;

  @JsonPropertyDescription(
      "Schemas Flyway manages; the first holds the history table. Default: the connection's"
          + " schema.")
  public List<String> schemas = new ArrayList<>();

  @JsonPropertyDescription(
      "The schema history table. Default: flyway.table of the bundle's flyway.conf or"
          + " flyway.toml, else flyway_schema_history.")
  public String table;
}
