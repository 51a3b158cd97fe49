package io.schemagate.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every URL form into its parts (kind, hosts, database, parameters, credentials) and builds
 * the JDBC URL from them. Hand-written: JDBC URLs are not URIs ({@code jdbc:h2:mem:x;A=B}, several
 * hosts, SQLAlchemy's {@code +driver}), and no library parses the forms of all four drivers.
 */
final class UrlParser {
  static final String SUPPORTED =
      "postgresql://, postgres://, mysql://, mariadb://, sqlite:///relative.db,"
          + " sqlite:////absolute.db, h2:mem:name, h2:file:path, or a jdbc: URL for PostgreSQL,"
          + " MySQL, MariaDB, SQLite or H2";
  static final String SUPPORTED_FOR_TENANTS =
      "postgresql://, postgres://, mysql://, mariadb://, or jdbc:postgresql://, jdbc:mysql://,"
          + " jdbc:mariadb://";

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)((?:^|[?&;(,])[a-z0-9_.]*(?:password|passwd|pwd|secret|token)[a-z0-9_.]*=)"
              + "([^&;)]*)");
  private static final Pattern JDBC_USERINFO = Pattern.compile("^(jdbc:[a-z0-9]+://)([^/@]+)@");
  private static final Pattern HOST =
      Pattern.compile(
          "^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*)"
              + "(:[0-9]{1,5})?$");
  private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_$.-]{0,64}$");

  private UrlParser() {}

  static DatabaseUrl parse(String url, TargetPolicy policy) {
    if (url == null || url.isBlank()) {
      throw new InvalidDatabaseUrlException(
          "The database URL is empty; set DATABASE_URL to one of: " + supported(policy));
    }
    String trimmed = url.strip();
    Matcher scheme = SCHEME.matcher(trimmed);
    if (!scheme.matches()) {
      throw new InvalidDatabaseUrlException(
          "The database URL '"
              + redactAny(trimmed)
              + "' has no scheme; use one of: "
              + supported(policy));
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    String base = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
    String rest = scheme.group(2);
    return switch (base) {
      case "jdbc" -> fromJdbc(trimmed, policy);
      case "postgresql", "postgres" ->
          fromServerUrl(DatabaseKind.POSTGRESQL, trimmed, rest, policy);
      case "mysql" -> fromServerUrl(DatabaseKind.MYSQL, trimmed, rest, policy);
      case "mariadb" -> fromServerUrl(DatabaseKind.MARIADB, trimmed, rest, policy);
      case "sqlite" -> LocalDatabaseUrls.sqlite(trimmed, rest, policy);
      case "h2" -> LocalDatabaseUrls.h2(trimmed, rest, policy);
      default ->
          throw new InvalidDatabaseUrlException(
              "Unsupported database URL scheme '"
                  + name
                  + "' in '"
                  + redactAny(trimmed)
                  + "'; supported: "
                  + supported(policy));
    };
  }

  private static String supported(TargetPolicy policy) {
    return policy.strict() && !policy.allowsLocalDatabases() ? SUPPORTED_FOR_TENANTS : SUPPORTED;
  }

  private static DatabaseUrl fromJdbc(String url, TargetPolicy policy) {
    DatabaseKind kind =
        DatabaseKind.ofJdbcUrl(url)
            .orElseThrow(
                () ->
                    new InvalidDatabaseUrlException(
                        "Unsupported JDBC URL '"
                            + redactAny(url)
                            + "'; supported: "
                            + supported(policy)));
    String rest = url.substring(kind.jdbcPrefix().length());
    boolean server = kind != DatabaseKind.SQLITE && kind != DatabaseKind.H2;
    if (server && rest.startsWith("//") && (!policy.strict() || plainHosts(rest))) {
      return fromServerUrl(kind, url, rest, policy);
    }
    if (policy.strict()) {
      if (!server) {
        LocalDatabaseUrls.refuseLocal(kind, url, policy);
        throw new InvalidDatabaseUrlException(
            "The URL '"
                + redactAny(url)
                + "' is a jdbc: URL for "
                + kind.folder()
                + "; the operator takes "
                + (kind == DatabaseKind.H2
                    ? "h2:file:<name> or h2:mem:<name>"
                    : "sqlite:///<relative path>")
                + ", without settings");
      }
      throw new InvalidDatabaseUrlException(
          "The URL '"
              + redactAny(url)
              + "' is not of the plain form "
              + kind.jdbcPrefix()
              + "//host:port/database?parameters; the operator accepts only that form, with"
              + " hosts as host or host:port");
    }
    // A trusted user's unusual JDBC URL (load balancing, address=(...)) goes to the driver as
    // written; the values of its secret parameters are still known, for redaction.
    return new DatabaseUrl(
        kind, url, null, null, redactAny(url), null, secretValues(url), policy.strict());
  }

  private static boolean plainHosts(String rest) {
    String afterSlashes = rest.substring(2);
    int end = afterSlashes.indexOf('/');
    int query = afterSlashes.indexOf('?');
    if (end < 0 || (query >= 0 && query < end)) {
      end = query >= 0 ? query : afterSlashes.length();
    }
    String authority = afterSlashes.substring(0, end);
    String hosts = authority.substring(authority.lastIndexOf('@') + 1);
    for (String host : hosts.split(",", -1)) {
      if (!HOST.matcher(host).matches()) {
        return false;
      }
    }
    return true;
  }

  private static DatabaseUrl fromServerUrl(
      DatabaseKind kind, String original, String rest, TargetPolicy policy) {
    if (!rest.startsWith("//")) {
      throw new InvalidDatabaseUrlException(
          "The database URL '"
              + redactAny(original)
              + "' must look like "
              + kind.name().toLowerCase(Locale.ROOT)
              + "://user:password@host:port/database");
    }
    String afterSlashes = rest.substring(2);
    int queryStart = afterSlashes.indexOf('?');
    String query = queryStart >= 0 ? afterSlashes.substring(queryStart + 1) : "";
    String beforeQuery = queryStart >= 0 ? afterSlashes.substring(0, queryStart) : afterSlashes;
    // The last '@' ends the user info, so an unencoded '@' in a password still parses.
    int at = beforeQuery.lastIndexOf('@');
    String userInfo = at >= 0 ? beforeQuery.substring(0, at) : null;
    String hostAndPath = at >= 0 ? beforeQuery.substring(at + 1) : beforeQuery;
    int slash = hostAndPath.indexOf('/');
    String hosts = slash >= 0 ? hostAndPath.substring(0, slash) : hostAndPath;
    String database = slash >= 0 ? hostAndPath.substring(slash + 1) : "";
    if (hosts.isEmpty()) {
      throw new InvalidDatabaseUrlException(
          "The database URL '" + redactAny(original) + "' names no host");
    }
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, original);
      password = colon >= 0 ? decode(userInfo.substring(colon + 1), original) : null;
    }
    List<String> kept = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    Set<String> secrets = new HashSet<>();
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals >= 0 ? pair.substring(0, equals) : pair, original);
      String value = equals >= 0 ? decode(pair.substring(equals + 1), original) : "";
      if (key.equalsIgnoreCase("user")) {
        user = value;
        continue;
      }
      if (key.equalsIgnoreCase("password")) {
        password = value;
        continue;
      }
      boolean secret = DriverPolicy.isSecretName(key);
      if (secret && !value.isEmpty()) {
        secrets.add(value);
      }
      if (policy.strict()) {
        String refusal = DriverPolicy.refusal(kind, key, value);
        if (refusal != null) {
          throw new InvalidDatabaseUrlException(
              "The database URL '" + redactAny(original) + "' " + refusal);
        }
        kept.add(key + "=" + value);
      } else {
        kept.add(pair);
      }
      shown.add(secret ? key + "=***" : pair);
    }
    if (policy.strict()) {
      checkTenantAddress(kind, original, hosts, database);
    }
    String jdbc =
        kind.jdbcPrefix()
            + "//"
            + hosts
            + "/"
            + database
            + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    String shownUser =
        user == null || user.isEmpty() ? "" : user + (password == null ? "" : ":***") + "@";
    String display =
        original.substring(0, original.indexOf("://") + 3)
            + shownUser
            + hosts
            + "/"
            + database
            + (shown.isEmpty() ? "" : "?" + String.join("&", shown));
    return new DatabaseUrl(kind, jdbc, user, password, display, database, secrets, policy.strict());
  }

  private static void checkTenantAddress(
      DatabaseKind kind, String original, String hosts, String database) {
    for (String host : hosts.split(",", -1)) {
      Matcher matcher = HOST.matcher(host);
      if (!matcher.matches()) {
        throw new InvalidDatabaseUrlException(
            "The database URL '"
                + redactAny(original)
                + "' names the host '"
                + host
                + "'; the operator takes host or host:port, several separated by commas");
      }
      String port = matcher.group(5);
      if (port != null) {
        int number = Integer.parseInt(port.substring(1));
        if (number < 1 || number > 65535) {
          throw new InvalidDatabaseUrlException(
              "The database URL '" + redactAny(original) + "' has the port " + number);
        }
      }
    }
    if (!DATABASE.matcher(database).matches()) {
      throw new InvalidDatabaseUrlException(
          "The database URL '"
              + redactAny(original)
              + "' names the database '"
              + database
              + "'; the operator takes letters, digits, '_', '$', '.' and '-' (at most 64)"
              + " for "
              + kind.folder());
    }
  }

  static String decode(String value, String original) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidDatabaseUrlException(
          "The database URL '"
              + redactAny(original)
              + "' has a malformed percent-encoding in its user, password or parameters");
    }
  }

  static String redactParams(String text) {
    return SECRET_PARAM.matcher(text).replaceAll("$1***");
  }

  /** The values of parameters whose names say they are secret, in any URL form. */
  static Set<String> secretValues(String text) {
    Set<String> values = new HashSet<>();
    Matcher matcher = SECRET_PARAM.matcher(text);
    while (matcher.find()) {
      if (!matcher.group(2).isEmpty()) {
        values.add(matcher.group(2));
      }
    }
    Matcher userInfo = JDBC_USERINFO.matcher(text);
    if (userInfo.find() && userInfo.group(2).contains(":")) {
      values.add(userInfo.group(2).substring(userInfo.group(2).indexOf(':') + 1));
    }
    return values;
  }

  /** Masks every password that a URL of any supported form can carry. */
  static String redactAny(String url) {
    String masked = redactParams(url);
    Matcher jdbcUser = JDBC_USERINFO.matcher(masked);
    if (jdbcUser.find() && jdbcUser.group(2).contains(":")) {
      String userPart = jdbcUser.group(2).substring(0, jdbcUser.group(2).indexOf(':'));
      masked =
          jdbcUser.replaceFirst(Matcher.quoteReplacement(jdbcUser.group(1) + userPart) + ":***@");
    }
    int scheme = masked.indexOf("://");
    int at = masked.lastIndexOf('@');
    if (!masked.startsWith("jdbc:") && scheme >= 0 && at > scheme) {
      String userInfo = masked.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        masked =
            masked.substring(0, scheme + 3)
                + userInfo.substring(0, colon)
                + ":***"
                + masked.substring(at);
      }
    }
    return masked;
  }
}
