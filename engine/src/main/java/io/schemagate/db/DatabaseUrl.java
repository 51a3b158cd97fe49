package io.schemagate.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A database location as users write it ({@code postgresql://app:pw@db:5432/app}, {@code
 * sqlite:///output/app.db}, {@code h2:mem:test}, a {@code jdbc:} URL), turned into a JDBC URL plus
 * separate credentials and the driver properties to connect with. {@link #toString()} and {@link
 * #redacted()} never show a secret. {@link #parse(String, TargetPolicy)} reads every form; the
 * policy decides what is accepted (see {@link TargetPolicy}).
 */
public final class DatabaseUrl {
  private final DatabaseKind kind;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String display;
  private final String database;
  private final Set<String> parameterSecrets;
  private final boolean strict;
  private final String certificate;

  DatabaseUrl(
      DatabaseKind kind,
      String jdbcUrl,
      String user,
      String password,
      String display,
      String database,
      Set<String> parameterSecrets,
      boolean strict) {
    this(kind, jdbcUrl, user, password, display, database, parameterSecrets, strict, null);
  }

  private DatabaseUrl(
      DatabaseKind kind,
      String jdbcUrl,
      String user,
      String password,
      String display,
      String database,
      Set<String> parameterSecrets,
      boolean strict,
      String certificate) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.user = emptyToNull(user);
    this.password = emptyToNull(password);
    this.display = display;
    this.database = emptyToNull(database);
    this.parameterSecrets = Set.copyOf(parameterSecrets);
    this.strict = strict;
    this.certificate = certificate;
  }

  /**
   * Parses a URL for a trusted local user (the CLI, an embedding application). SQLAlchemy driver
   * suffixes ({@code postgresql+psycopg2://}) are accepted so the URLs of an Alembic project work
   * unchanged.
   *
   * @throws InvalidDatabaseUrlException naming what is wrong and the supported forms
   */
  public static DatabaseUrl parse(String url) {
    return parse(url, TargetPolicy.trusted());
  }

  /**
   * Parses a URL under {@code policy}: a tenant's URL is rebuilt from its parts and allowed
   * parameters, never passed through.
   *
   * @throws InvalidDatabaseUrlException naming the part at fault and the fix, never a secret
   */
  public static DatabaseUrl parse(String url, TargetPolicy policy) {
    return UrlParser.parse(url, policy);
  }

  /** Masks every password that a URL of any supported form can carry. */
  public static String redactAny(String url) {
    return UrlParser.redactAny(url);
  }

  /** The same location with credentials given separately; the ones given here win. */
  public DatabaseUrl withCredentials(String newUser, String newPassword) {
    String u = newUser == null || newUser.isEmpty() ? user : newUser;
    String p = newPassword == null || newPassword.isEmpty() ? password : newPassword;
    return new DatabaseUrl(
        kind, jdbcUrl, u, p, display, database, parameterSecrets, strict, certificate);
  }

  /**
   * The same location, with the server's certificate checked against {@code pem}, a CA certificate
   * given as text (from a Secret), never a path.
   *
   * @throws InvalidDatabaseUrlException when the text is not a PEM certificate, or the driver
   *     cannot take one
   */
  public DatabaseUrl withTrustedCertificate(String pem) {
    return new DatabaseUrl(
        kind,
        jdbcUrl,
        user,
        password,
        display,
        database,
        parameterSecrets,
        strict,
        TrustedCertificate.check(kind, pem));
  }

  public DatabaseKind kind() {
    return kind;
  }

  /**
   * The JDBC URL, without user or password; for a tenant it holds only allowed parameters. A
   * trusted user's {@code jdbc:} URL of an unusual form (several hosts with options, load
   * balancing) is kept as written.
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The database (catalog) the URL names, when it names one. */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /** True when the URL was read under a tenant's policy, so driver features are forced off. */
  public boolean strict() {
    return strict;
  }

  /**
   * The driver properties to connect with: for a tenant, settings no URL can override; for a
   * trusted user, safe defaults the URL may change.
   */
  public Map<String, String> driverProperties(Duration connectTimeout) {
    Map<String, String> properties =
        new java.util.LinkedHashMap<>(
            strict
                ? DriverPolicy.forcedProperties(kind, connectTimeout)
                : DriverPolicy.defaultProperties(kind, connectTimeout));
    if (certificate != null) {
      properties.putAll(TrustedCertificate.properties(kind, certificate));
    }
    return properties;
  }

  /**
   * Every secret this location knows: the password and the values of parameters whose names say
   * password, secret, token or key.
   */
  public Redactor secrets() {
    List<String> values = new ArrayList<>(parameterSecrets);
    if (password != null) {
      values.add(password);
    }
    return Redactor.of(values);
  }

  /** The URL as the user wrote it, with secrets masked as {@code ***}. */
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

  /**
   * Creates the folder of a SQLite file, so a fresh clone can write {@code output/app.db}.
   *
   * @throws InvalidDatabaseUrlException when the path is a folder or its folder cannot be made
   */
  public void prepare() {
    Optional<Path> file = sqliteFile().map(Path::toAbsolutePath);
    if (file.isEmpty()) {
      return;
    }
    if (Files.isDirectory(file.get())) {
      throw new InvalidDatabaseUrlException(
          display
              + " names the folder "
              + file.get()
              + ", not a database file: add a file name, e.g. "
              + display.replaceAll("/*$", "")
              + "/app.db");
    }
    Path parent = file.get().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new InvalidDatabaseUrlException(
          "Cannot create the folder "
              + parent
              + " for the SQLite database "
              + display
              + " ("
              + (e instanceof java.nio.file.AccessDeniedException
                  ? "permission denied"
                  : e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage())
              + "): create it, or choose a path you may write");
    }
    if (!Files.isWritable(parent)) {
      throw new InvalidDatabaseUrlException(
          "The folder "
              + parent
              + " of the SQLite database "
              + display
              + " is not writable: choose a path you may write");
    }
  }

  /** True for a SQLite file that does not exist yet; reading it must not create it. */
  public boolean isMissingSqliteFile() {
    return sqliteFile().map(f -> !Files.exists(f)).orElse(false);
  }

  /**
   * An empty in-memory SQLite database shown under this URL: what a read of a SQLite file that does
   * not exist yet sees, without creating the file (SQLite creates any file it opens).
   */
  public DatabaseUrl emptyStandIn() {
    if (kind != DatabaseKind.SQLITE) {
      throw new IllegalStateException("only a SQLite file has an empty stand-in");
    }
    return new DatabaseUrl(
        kind, "jdbc:sqlite::memory:", user, password, display, database, parameterSecrets, strict);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseUrl other
        && kind == other.kind
        && strict == other.strict
        && jdbcUrl.equals(other.jdbcUrl)
        && Objects.equals(user, other.user)
        && Objects.equals(password, other.password)
        && Objects.equals(certificate, other.certificate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, jdbcUrl, user, password, strict, certificate);
  }

  @Override
  public String toString() {
    return display;
  }
}
