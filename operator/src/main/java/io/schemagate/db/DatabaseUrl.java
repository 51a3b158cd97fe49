package io.schemagate.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database location as users write it ({@code postgresql://app:pw@db:5432/app}, {@code
 * sqlite:///output/app.db}, {@code h2:mem:test}, any {@code jdbc:} URL), turned into a JDBC URL
 * plus separate credentials. {@link #toString()} and {@link #redacted()} never show the password.
 */
public final class DatabaseUrl {
  static final String SUPPORTED =
      "postgresql://, postgres://, mysql://, mariadb://, sqlite:///relative.db,"
          + " sqlite:////absolute.db, h2:mem:name, h2:file:path, or a jdbc: URL for PostgreSQL,"
          + " MySQL, MariaDB, SQLite or H2";

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:^|[?&;])password=)([^&;]*)");
  private static final Pattern JDBC_USERINFO = Pattern.compile("^(jdbc:[a-z0-9]+://)([^/@]+)@");

  private final DatabaseKind kind;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String display;

  private DatabaseUrl(
      DatabaseKind kind, String jdbcUrl, String user, String password, String display) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.display = display;
  }

  /**
   * Parses a URL. SQLAlchemy driver suffixes ({@code postgresql+psycopg2://}) are accepted so the
   * URLs of an Alembic project work unchanged.
   *
   * @throws InvalidDatabaseUrlException naming what is wrong and the supported forms
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidDatabaseUrlException(
          "The database URL is empty; set DATABASE_URL to one of: " + SUPPORTED);
    }
    String trimmed = url.strip();
    Matcher scheme = SCHEME.matcher(trimmed);
    if (!scheme.matches()) {
      throw new InvalidDatabaseUrlException(
          "The database URL '" + redactAny(trimmed) + "' has no scheme; use one of: " + SUPPORTED);
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    String base = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
    String rest = scheme.group(2);
    return switch (base) {
      case "jdbc" -> fromJdbc(trimmed);
      case "postgresql", "postgres" -> fromServerUrl(DatabaseKind.POSTGRESQL, trimmed, rest);
      case "mysql" -> fromServerUrl(DatabaseKind.MYSQL, trimmed, rest);
      case "mariadb" -> fromServerUrl(DatabaseKind.MARIADB, trimmed, rest);
      case "sqlite" -> fromSqlite(trimmed, rest);
      case "h2" -> fromH2(rest);
      default ->
          throw new InvalidDatabaseUrlException(
              "Unsupported database URL scheme '"
                  + name
                  + "' in '"
                  + redactAny(trimmed)
                  + "'; supported: "
                  + SUPPORTED);
    };
  }

  private static DatabaseUrl fromJdbc(String url) {
    DatabaseKind kind =
        DatabaseKind.ofJdbcUrl(url)
            .orElseThrow(
                () ->
                    new InvalidDatabaseUrlException(
                        "Unsupported JDBC URL '" + redactAny(url) + "'; supported: " + SUPPORTED));
    return new DatabaseUrl(kind, url, null, null, redactAny(url));
  }

  private static DatabaseUrl fromServerUrl(DatabaseKind kind, String original, String rest) {
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
    String jdbc =
        kind.jdbcPrefix() + "//" + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
    String shownUser = user == null ? "" : user + (password == null ? "" : ":***") + "@";
    String display =
        original.substring(0, original.indexOf("://") + 3)
            + shownUser
            + hosts
            + "/"
            + database
            + (query.isEmpty() ? "" : "?" + redactParams(query));
    return new DatabaseUrl(kind, jdbc, emptyToNull(user), password, display);
  }

  private static DatabaseUrl fromSqlite(String original, String rest) {
    // SQLAlchemy form: sqlite:///relative/path.db and sqlite:////absolute/path.db
    if (!rest.startsWith("///") && !rest.equals("//") && !rest.equals("//:memory:")) {
      throw new InvalidDatabaseUrlException(
          "The SQLite URL '"
              + original
              + "' must be sqlite:///relative.db or sqlite:////absolute.db (three slashes before"
              + " a relative path, four before an absolute one)");
    }
    String path = rest.length() > 3 ? rest.substring(3) : "";
    if (path.isEmpty() || path.equals(":memory:")) {
      return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite::memory:", null, null, original);
    }
    return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite:" + path, null, null, original);
  }

  private static DatabaseUrl fromH2(String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("mem:") && !lower.startsWith("file:") && !lower.startsWith("tcp:")) {
      throw new InvalidDatabaseUrlException(
          "The H2 URL 'h2:" + rest + "' must be h2:mem:name, h2:file:path or h2:tcp://host/path");
    }
    String jdbc = "jdbc:h2:" + rest;
    // An in-memory database vanishes when its last connection closes; keep it for the process,
    // since the pool opens and closes connections.
    if (lower.startsWith("mem:") && !lower.contains("db_close_delay")) {
      jdbc += ";DB_CLOSE_DELAY=-1";
    }
    return new DatabaseUrl(DatabaseKind.H2, jdbc, null, null, "h2:" + redactParams(rest));
  }

  private static String decode(String value, String original) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidDatabaseUrlException(
          "The database URL '"
              + redactAny(original)
              + "' has a malformed percent-encoding in its user or password");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String redactParams(String text) {
    return PASSWORD_PARAM.matcher(text).replaceAll("$1***");
  }

  /** Masks every password that a URL of any supported form can carry. */
  public static String redactAny(String url) {
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

  /** The same location with credentials given separately; the ones given here win. */
  public DatabaseUrl withCredentials(String newUser, String newPassword) {
    String u = newUser == null || newUser.isEmpty() ? user : newUser;
    String p = newPassword == null || newPassword.isEmpty() ? password : newPassword;
    return new DatabaseUrl(kind, jdbcUrl, u, p, display);
  }

  public DatabaseKind kind() {
    return kind;
  }

  /** The JDBC URL without user info; it still carries a password a user put into a jdbc: URL. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The URL as the user wrote it, with the password masked as {@code ***}. */
  public String redacted() {
    return display;
  }

  /** For SQLite files: the database file, or empty for an in-memory database. */
  public Optional<Path> sqliteFile() {
    if (kind != DatabaseKind.SQLITE) {
      return Optional.empty();
    }
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(path));
  }

  /** Creates the folder of a SQLite file, so a fresh clone can write {@code output/app.db}. */
  public void prepare() {
    sqliteFile()
        .map(Path::toAbsolutePath)
        .map(Path::getParent)
        .ifPresent(
            parent -> {
              try {
                Files.createDirectories(parent);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "Cannot create the folder " + parent + " for the SQLite database", e);
              }
            });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseUrl other
        && kind == other.kind
        && jdbcUrl.equals(other.jdbcUrl)
        && Objects.equals(user, other.user)
        && Objects.equals(password, other.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return display;
  }
}
