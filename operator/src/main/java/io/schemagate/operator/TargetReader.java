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
    return read(
        resource.getMetadata().getNamespace(),
        resource.getSpec().database,
        "spec.database",
        policy);
  }

  /**
   * The database {@code database} of {@code namespace}, whose fields are {@code at} (spec.database,
   * or an entry of spec.targets) in messages.
   *
   * @throws Problem naming the field at fault and the fix
   */
  DatabaseUrl read(String namespace, DatabaseSpec database, String at, TargetPolicy policy) {
    if ((database.url == null || database.url.isBlank()) == (database.urlFrom == null)) {
      throw new Problem(
          Reason.InvalidSpec, "Set exactly one of " + at + ".url and " + at + ".urlFrom");
    }
    String url;
    String field;
    if (database.urlFrom != null) {
      if (database.urlFrom.secretKeyRef == null) {
        throw new Problem(Reason.InvalidSpec, at + ".urlFrom needs a secretKeyRef");
      }
      url =
          value(
              namespace,
              database.urlFrom.secretKeyRef.name,
              database.urlFrom.secretKeyRef.key,
              at + ".urlFrom.secretKeyRef");
      field = "the URL in Secret " + database.urlFrom.secretKeyRef.name;
    } else {
      url = database.url;
      field = at + ".url";
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
          at
              + ".url carries a password; move it to a Secret ("
              + at
              + ".credentialsSecret, or the whole URL into "
              + at
              + ".urlFrom)");
    }
    if (database.tls != null && database.tls.caCertificate != null) {
      if (database.tls.caCertificate.secretKeyRef == null) {
        throw new Problem(Reason.InvalidSpec, at + ".tls.caCertificate needs a secretKeyRef");
      }
      String pem =
          value(
              namespace,
              database.tls.caCertificate.secretKeyRef.name,
              database.tls.caCertificate.secretKeyRef.key,
              at + ".tls.caCertificate.secretKeyRef");
      try {
        parsed = parsed.withTrustedCertificate(pem);
      } catch (InvalidDatabaseUrlException e) {
        throw new Problem(Reason.InvalidSpec, at + ".tls.caCertificate: " + e.getMessage());
      }
    }
    CredentialsSecret credentials = database.credentialsSecret;
    if (credentials != null) {
      String user =
          value(namespace, credentials.name, credentials.usernameKey, at + ".credentialsSecret");
      String password =
          value(namespace, credentials.name, credentials.passwordKey, at + ".credentialsSecret");
      parsed = parsed.withCredentials(user, password);
    }
    return parsed;
  }

  /**
   * The Secrets of {@code namespace} that carry {@code labels}, by name ({@code field} selects).
   */
  java.util.List<Secret> selected(
      String namespace, java.util.Map<String, String> labels, String field) {
    return secrets.list(namespace, labels, field);
  }

  /**
   * The database whose connection a fleet's Secret holds, with the keys CloudNativePG writes in its
   * generated app Secrets: {@code uri} (postgresql://user:password@host:port/db), else {@code
   * jdbc-uri}, else {@code host}, {@code port} and {@code dbname} (PostgreSQL); {@code username}
   * and {@code password}, where present, log in. A {@code uri} of another kind (mariadb://,
   * mysql://) works the same way.
   *
   * @throws Problem naming the Secret and the keys it lacks
   */
  static DatabaseUrl fromConnectionSecret(Secret secret, String at, TargetPolicy policy) {
    String uri = text(secret, "uri");
    String field = at + " key 'uri'";
    if (uri == null) {
      uri = text(secret, "jdbc-uri");
      field = at + " key 'jdbc-uri'";
    }
    if (uri == null) {
      String host = text(secret, "host");
      String dbname = text(secret, "dbname");
      if (host == null || dbname == null) {
        throw new Problem(
            Reason.InvalidSpec,
            at
                + " holds no connection: give it the key 'uri' (postgresql://host:5432/db), or"
                + " 'host' and 'dbname' (and 'port'), as CloudNativePG's app Secrets have");
      }
      String port = text(secret, "port");
      uri = "postgresql://" + host + (port == null ? "" : ":" + port) + "/" + dbname;
      field = at + " keys 'host', 'port' and 'dbname'";
    }
    DatabaseUrl parsed;
    try {
      parsed = DatabaseUrl.parse(uri, policy);
    } catch (InvalidDatabaseUrlException e) {
      throw new Problem(Reason.InvalidSpec, field + ": " + e.getMessage());
    }
    String user = text(secret, "username");
    String password = text(secret, "password");
    if (user != null && password != null) {
      parsed = parsed.withCredentials(user, password);
    }
    return parsed;
  }

  /** The stripped value of {@code key} in {@code secret}, or null. */
  private static String text(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
              Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
          .strip();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key).strip();
    }
    return null;
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
    String value = text(secret, key);
    if (value != null) {
      return value;
    }
    throw new Problem(
        Reason.SecretNotFound,
        "Secret " + namespace + "/" + name + " has no key '" + key + "' (" + field + ")");
  }
}
