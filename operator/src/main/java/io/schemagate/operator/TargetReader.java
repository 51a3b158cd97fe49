package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.schemagate.api.CredentialsSecret;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseSpec;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.InvalidDatabaseUrlException;
import io.schemagate.db.TargetPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Resolves a resource's database URL and credentials under the tenant policy, reading Secrets of
 * its own namespace only, by name.
 */
final class TargetReader {
  /** Label that makes an edit of a credentials Secret re-reconcile its resources at once. */
  static final String CREDENTIALS_LABEL = "schemagate.io/credentials";

  private final NamedObjects<Secret> secrets;

  TargetReader(NamedObjects<Secret> secrets) {
    this.secrets = secrets;
  }

  /**
   * The resource's database under the tenant policy {@code policy}.
   *
   * @throws Problem naming the field at fault and the fix
   */
  DatabaseUrl read(DatabaseMigration resource, TargetPolicy policy) {
    String namespace = resource.getMetadata().getNamespace();
    DatabaseSpec database = resource.getSpec().database;
    if ((database.url == null || database.url.isBlank()) == (database.urlFrom == null)) {
      throw new Problem(
          Reason.InvalidSpec, "Set exactly one of spec.database.url and spec.database.urlFrom");
    }
    String url;
    String field;
    if (database.urlFrom != null) {
      if (database.urlFrom.secretKeyRef == null) {
        throw new Problem(Reason.InvalidSpec, "spec.database.urlFrom needs a secretKeyRef");
      }
      url =
          value(
              namespace,
              database.urlFrom.secretKeyRef.name,
              database.urlFrom.secretKeyRef.key,
              "spec.database.urlFrom.secretKeyRef");
      field = "the URL in Secret " + database.urlFrom.secretKeyRef.name;
    } else {
      url = database.url;
      field = "spec.database.url";
    }
    DatabaseUrl parsed;
    try {
      parsed = DatabaseUrl.parse(url, policy);
    } catch (InvalidDatabaseUrlException e) {
      throw new Problem(Reason.InvalidSpec, field + ": " + e.getMessage());
    }
    if (database.urlFrom == null
        && (parsed.password().isPresent() || !parsed.secrets().values().isEmpty())) {
      // A spec is readable by everyone who may read the resource, and tools print it.
      throw new Problem(
          Reason.InvalidSpec,
          "spec.database.url carries a password; move it to a Secret (spec.database"
              + ".credentialsSecret, or the whole URL into spec.database.urlFrom)");
    }
    if (database.tls != null && database.tls.caCertificate != null) {
      if (database.tls.caCertificate.secretKeyRef == null) {
        throw new Problem(
            Reason.InvalidSpec, "spec.database.tls.caCertificate needs a secretKeyRef");
      }
      String pem =
          value(
              namespace,
              database.tls.caCertificate.secretKeyRef.name,
              database.tls.caCertificate.secretKeyRef.key,
              "spec.database.tls.caCertificate.secretKeyRef");
      try {
        parsed = parsed.withTrustedCertificate(pem);
      } catch (InvalidDatabaseUrlException e) {
        throw new Problem(Reason.InvalidSpec, "spec.database.tls.caCertificate: " + e.getMessage());
      }
    }
    CredentialsSecret credentials = database.credentialsSecret;
    if (credentials != null) {
      String user =
          value(
              namespace,
              credentials.name,
              credentials.usernameKey,
              "spec.database.credentialsSecret");
      String password =
          value(
              namespace,
              credentials.name,
              credentials.passwordKey,
              "spec.database.credentialsSecret");
      parsed = parsed.withCredentials(user, password);
    }
    return parsed;
  }

  private String value(String namespace, String name, String key, String field) {
    if (name == null || name.isBlank() || key == null || key.isBlank()) {
      throw new Problem(Reason.InvalidSpec, field + " needs a Secret name and key");
    }
    Problem.checkName("Secret", field + ".name", name);
    Secret secret = secrets.get(namespace, name);
    if (secret == null) {
      throw new Problem(
          Reason.SecretNotFound,
          "Secret "
              + namespace
              + "/"
              + name
              + " ("
              + field
              + ") does not exist; create it in"
              + " this namespace");
    }
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
              Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
          .strip();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key).strip();
    }
    throw new Problem(
        Reason.SecretNotFound,
        "Secret " + namespace + "/" + name + " has no key '" + key + "' (" + field + ")");
  }
}
