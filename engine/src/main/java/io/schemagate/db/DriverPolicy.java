package io.schemagate.db;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which driver parameters a tenant's URL may carry, and which driver settings schemagate forces.
 *
 * <p>Drivers read their settings from URL parameters and from data-source properties, and where
 * both are given the URL wins. So a tenant's URL is rebuilt from this allow-list (anything else is
 * refused by name), and the settings that read local files, fetch URLs, load classes by name,
 * deserialize objects or log to files are then set as properties no URL can override. The lists are
 * written out by hand: no driver publishes which of its settings are safe.
 */
public final class DriverPolicy {
  /** A value schemagate passes on: no separators, quotes, spaces or escapes. */
  private static final Pattern SAFE_VALUE = Pattern.compile("^[A-Za-z0-9_.,:+*/@-]{0,200}$");

  private static final Set<String> POSTGRESQL =
      Set.of(
          "sslmode",
          "ssl",
          "sslNegotiation",
          "channelBinding",
          "targetServerType",
          "loadBalanceHosts",
          "hostRecheckSeconds",
          "currentSchema",
          "tcpKeepAlive",
          "tcpNoDelay",
          "cancelSignalTimeout",
          "sslResponseTimeout",
          "prepareThreshold",
          "preparedStatementCacheQueries",
          "preparedStatementCacheSizeMiB",
          "defaultRowFetchSize",
          "binaryTransfer",
          "reWriteBatchedInserts",
          "stringtype",
          "preferQueryMode",
          "assumeMinServerVersion",
          "escapeSyntaxCallMode",
          "quoteReturningIdentifiers");

  private static final Set<String> MARIADB =
      Set.of(
          "sslMode",
          "enabledSslProtocolSuites",
          "enabledSslCipherSuites",
          "tcpKeepAlive",
          "tcpKeepIdle",
          "tcpKeepCount",
          "tcpKeepInterval",
          "useCompression",
          "useServerPrepStmts",
          "useBulkStmts",
          "allowMultiQueries",
          "connectionCollation",
          "timezone",
          "connectionTimeZone",
          "forceConnectionTimeZoneToSession",
          "preserveInstants",
          "allowPublicKeyRetrieval",
          "defaultFetchSize",
          "tinyInt1isBit",
          "transformedBitIsBoolean",
          "yearIsDateType",
          "useAffectedRows",
          "cachePrepStmts",
          "prepStmtCacheSize");

  private static final Set<String> MYSQL =
      Set.of(
          "sslMode",
          "tlsVersions",
          "tlsCiphersuites",
          "tcpKeepAlive",
          "tcpNoDelay",
          "useCompression",
          "allowPublicKeyRetrieval",
          "connectionTimeZone",
          "forceConnectionTimeZoneToSession",
          "preserveInstants",
          "serverTimezone",
          "characterEncoding",
          "connectionCollation",
          "useUnicode",
          "rewriteBatchedStatements",
          "allowMultiQueries",
          "cachePrepStmts",
          "prepStmtCacheSize",
          "useServerPrepStmts",
          "zeroDateTimeBehavior",
          "defaultFetchSize",
          "tinyInt1isBit",
          "transformedBitIsBoolean",
          "yearIsDateType",
          "useAffectedRows");

  /** Kerberos, LDAP, OCI and WebAuthn clients read local configuration and key files. */
  private static final String MYSQL_DISABLED_AUTH =
      "authentication_kerberos_client,authentication_ldap_sasl_client,authentication_oci_client,"
          + "authentication_webauthn_client,authentication_openid_connect_client";

  /** The MariaDB authentication plugins that need nothing but the password (no GSSAPI). */
  private static final String MARIADB_ALLOWED_AUTH =
      "mysql_native_password,client_ed25519,caching_sha2_password,sha256_password,"
          + "mysql_clear_password,dialog,parsec";

  /** Driver timeouts the operator forces, whatever a URL says. */
  private static final Set<String> TIMEOUTS_SET_BY_THE_OPERATOR =
      Set.of("socketTimeout", "loginTimeout", "connectTimeout");

  private DriverPolicy() {}

  /** The URL parameters a tenant may set for {@code kind}; empty for H2 and SQLite. */
  public static Set<String> allowedParameters(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> POSTGRESQL;
      case MARIADB -> MARIADB;
      case MYSQL -> MYSQL;
      case SQLITE, H2 -> Set.of();
    };
  }

  /**
   * Why a parameter is refused for a tenant, or {@code null} when it is allowed. The value is
   * checked too: one with separators or quotes could smuggle a second setting into the URL.
   */
  static String refusal(DatabaseKind kind, String name, String value) {
    if (isSecretName(name)) {
      return "carries a secret in parameter '"
          + name
          + "', which the operator does not pass to drivers: the password goes into"
          + " spec.database.credentialsSecret (or the user info of a URL in a Secret, with"
          + " spec.database.urlFrom); client keys, key stores and credential providers are not"
          + " supported";
    }
    if (TIMEOUTS_SET_BY_THE_OPERATOR.contains(name)) {
      return "has the parameter '"
          + name
          + "', which the operator does not pass to the driver: it sets every connection's"
          + " timeouts itself (the socket timeout a minute past the run's statement timeout and"
          + " deadline, the login timeout at --connect-timeout), so that a server that stops"
          + " answering cannot hold the operator; remove it (see docs/SECURITY.md)";
    }
    if (!allowedParameters(kind).contains(name)) {
      return "has the parameter '"
          + name
          + "', which the operator does not pass to the driver; allowed: "
          + String.join(", ", allowedParameters(kind).stream().sorted().toList())
          + " (see docs/SECURITY.md)";
    }
    if (!SAFE_VALUE.matcher(value).matches()) {
      return "has a value for '"
          + name
          + "' with characters the operator does not pass on (use letters, digits and . , : + * /"
          + " @ - _)";
    }
    return null;
  }

  /**
   * Data-source properties forced for a tenant's connection: local files, URL fetches, classes
   * named by strings, deserialisation and file logging are off whatever the server asks.
   */
  public static Map<String, String> forcedProperties(DatabaseKind kind, Duration connectTimeout) {
    Map<String, String> properties = new LinkedHashMap<>(connectProperties(kind, connectTimeout));
    switch (kind) {
      case POSTGRESQL -> {
        // GSS encryption would read Kerberos configuration; JAAS would read a login file.
        properties.put("gssEncMode", "disable");
        properties.put("jaasLogin", "false");
      }
      case MARIADB -> {
        // MariaDB Connector/J answers a server's LOCAL INFILE request by default.
        properties.put("allowLocalInfile", "false");
        properties.put("restrictedAuth", MARIADB_ALLOWED_AUTH);
      }
      case MYSQL -> {
        properties.put("allowLoadLocalInfile", "false");
        properties.put("allowUrlInLocalInfile", "false");
        properties.put("autoDeserialize", "false");
        properties.put("disabledAuthenticationPlugins", MYSQL_DISABLED_AUTH);
      }
      case SQLITE -> {
        // No native extensions, and no ATTACH, which creates files anywhere the operator writes.
        properties.put("enable_load_extension", "false");
        properties.put("limit_attached", "0");
      }
      case H2 -> {
        // Nothing to force: H2 runs inside the operator, so it is refused unless allowed.
      }
    }
    return properties;
  }

  /**
   * Properties for a trusted user: the connect timeout, and safe defaults that an explicit URL
   * parameter may still change (MariaDB's local infile, on by default in its driver).
   */
  public static Map<String, String> defaultProperties(DatabaseKind kind, Duration connectTimeout) {
    Map<String, String> properties = new LinkedHashMap<>(connectProperties(kind, connectTimeout));
    if (kind == DatabaseKind.MARIADB) {
      properties.put("allowLocalInfile", "false");
    }
    return properties;
  }

  private static Map<String, String> connectProperties(DatabaseKind kind, Duration timeout) {
    long millis = timeout.toMillis();
    return switch (kind) {
      case POSTGRESQL ->
          Map.of(
              "connectTimeout",
              String.valueOf(Math.max(1, millis / 1000)),
              // A server that accepts and never answers the start-up would hold the pool's
              // connection-adder thread for ever.
              "loginTimeout",
              String.valueOf(Math.max(1, millis / 1000)),
              "ApplicationName",
              "schemagate");
      case MYSQL, MARIADB -> Map.of("connectTimeout", String.valueOf(millis));
      case SQLITE, H2 -> Map.of();
    };
  }

  /** A parameter whose name says it holds a password, secret, token or key. */
  public static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("password")
        || lower.contains("passwd")
        || lower.contains("pwd")
        || lower.contains("secret")
        || lower.contains("token")
        || lower.contains("key")
        || lower.contains("credential");
  }
}
