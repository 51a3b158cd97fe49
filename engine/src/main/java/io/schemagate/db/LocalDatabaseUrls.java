package io.schemagate.db;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The URL forms of the databases that run inside schemagate's own process, SQLite and H2. Trusted
 * callers get them as written; a tenant gets them only where the operator allows local databases,
 * confined to the namespace's data folder, with no settings of their own.
 */
final class LocalDatabaseUrls {
  private static final Pattern LOCAL_PATH = Pattern.compile("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$");

  private LocalDatabaseUrls() {}

  static DatabaseUrl sqlite(String original, String rest, TargetPolicy policy) {
    // SQLAlchemy form: sqlite:///relative/path.db and sqlite:////absolute/path.db
    if (!rest.startsWith("///") && !rest.equals("//") && !rest.equals("//:memory:")) {
      throw new InvalidDatabaseUrlException(
          "The SQLite URL '"
              + original
              + "' must be sqlite:///relative.db or sqlite:////absolute.db (three slashes before"
              + " a relative path, four before an absolute one)");
    }
    String path = rest.length() > 3 ? rest.substring(3) : "";
    if (policy.strict()) {
      refuseLocal(DatabaseKind.SQLITE, original, policy);
      Path file = confined(original, path, policy, "sqlite:///<relative path>.db");
      return new DatabaseUrl(
          DatabaseKind.SQLITE, "jdbc:sqlite:" + file, null, null, original, null, Set.of(), true);
    }
    if (path.isEmpty() || path.equals(":memory:")) {
      return new DatabaseUrl(
          DatabaseKind.SQLITE, "jdbc:sqlite::memory:", null, null, original, null, Set.of(), false);
    }
    return new DatabaseUrl(
        DatabaseKind.SQLITE, "jdbc:sqlite:" + path, null, null, original, null, Set.of(), false);
  }

  static DatabaseUrl h2(String original, String rest, TargetPolicy policy) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("mem:") && !lower.startsWith("file:") && !lower.startsWith("tcp:")) {
      throw new InvalidDatabaseUrlException(
          "The H2 URL 'h2:" + rest + "' must be h2:mem:name, h2:file:path or h2:tcp://host/path");
    }
    if (policy.strict()) {
      refuseLocal(DatabaseKind.H2, original, policy);
      if (lower.startsWith("tcp:")) {
        throw new InvalidDatabaseUrlException(
            "The H2 URL '"
                + UrlParser.redactAny(original)
                + "' uses H2's server mode; the operator takes h2:file:<name> or h2:mem:<name>");
      }
      boolean memory = lower.startsWith("mem:");
      String name = rest.substring(memory ? 4 : 5);
      if (memory) {
        if (!LOCAL_PATH.matcher(name).matches() || name.contains("/")) {
          throw new InvalidDatabaseUrlException(
              "The H2 URL '"
                  + UrlParser.redactAny(original)
                  + "' must be h2:mem:<name> with letters, digits, '_', '.' and '-', and no"
                  + " settings (';...')");
        }
        // In-memory names are global to the process: each namespace gets names of its own.
        String jdbc = "jdbc:h2:mem:" + policy.namespace() + "__" + name + ";DB_CLOSE_DELAY=-1";
        return new DatabaseUrl(DatabaseKind.H2, jdbc, null, null, original, null, Set.of(), true);
      }
      Path file = confined(original, name, policy, "h2:file:<relative path>");
      return new DatabaseUrl(
          DatabaseKind.H2, "jdbc:h2:file:" + file, null, null, original, null, Set.of(), true);
    }
    String jdbc = "jdbc:h2:" + rest;
    // An in-memory database vanishes when its last connection closes; keep it for the process,
    // since the pool opens and closes connections.
    if (lower.startsWith("mem:") && !lower.contains("db_close_delay")) {
      jdbc += ";DB_CLOSE_DELAY=-1";
    }
    return new DatabaseUrl(
        DatabaseKind.H2,
        jdbc,
        null,
        null,
        "h2:" + UrlParser.redactParams(rest),
        null,
        UrlParser.secretValues(rest),
        false);
  }

  static void refuseLocal(DatabaseKind kind, String original, TargetPolicy policy) {
    if (!policy.allowsLocalDatabases()) {
      throw new InvalidDatabaseUrlException(
          "The URL '"
              + UrlParser.redactAny(original)
              + "' names "
              + (kind == DatabaseKind.H2 ? "an H2" : "a SQLite")
              + " database, which would run inside the operator, where a script could run code"
              + " and read files; the operator connects to PostgreSQL, MySQL and MariaDB only ("
              + UrlParser.SUPPORTED_FOR_TENANTS
              + "). On a single-tenant cluster an administrator can allow H2 and SQLite with the"
              + " operator flag "
              + TargetPolicy.LOCAL_DATABASES_FLAG);
    }
  }

  /** A tenant's file below its namespace's data folder: relative, plain, without settings. */
  private static Path confined(String original, String path, TargetPolicy policy, String form) {
    boolean plain =
        LOCAL_PATH.matcher(path).matches()
            && Arrays.stream(path.split("/")).noneMatch(s -> s.equals("..") || s.equals("."));
    Path file = policy.localRoot().resolve(path).normalize();
    if (!plain || !file.startsWith(policy.localRoot())) {
      throw new InvalidDatabaseUrlException(
          "The URL '"
              + UrlParser.redactAny(original)
              + "' must be "
              + form
              + ": a relative path of letters, digits, '_', '.', '-' and '/', below the"
              + " operator's data folder for this namespace, without '..' or settings");
    }
    return file;
  }
}
