package io.schemagate.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Flyway settings schemagate reads, with the kind of value each takes, and the ones it refuses,
 * with the reason. Names are Flyway's own (without the {@code flyway.} prefix), so a project's
 * {@code flyway.conf} means here what it means to Flyway.
 */
public final class FlywayKeys {
  /** What a setting's value must look like. */
  public enum Kind {
    BOOLEAN,
    IDENTIFIER,
    IDENTIFIER_LIST,
    VERSION,
    TEXT,
    /** A file-name part: a prefix, separator or suffix. */
    NAME_PART,
    NAME_PART_LIST,
    CHARSET,
    PATTERN_LIST,
    /** Folders inside the bundle ({@code filesystem:callbacks}), never outside it. */
    FOLDER_LIST,
    /** Read and not used: the bundle is the only location. */
    IGNORED,
    /** Who runs the scripts: {@code schemagate} (the default) or {@code flyway}. */
    EXECUTOR
  }

  private static final Map<String, Kind> SUPPORTED = new LinkedHashMap<>();
  private static final Map<String, String> REFUSED = new LinkedHashMap<>();

  private static final String DATABASE =
      "the database and its credentials come from spec.database and its Secret (command line:"
          + " DATABASE_URL, or FLYWAY_URL/FLYWAY_USER/FLYWAY_PASSWORD in the environment), never"
          + " from migration settings";
  private static final String CODE =
      "it loads Java classes, and schemagate runs no code but SQL from a bundle; write the"
          + " callback as SQL (afterMigrate.sql, beforeEachMigrate.sql, ...)";
  private static final String PAID = "it is a feature of Flyway's paid editions";

  static {
    for (String key :
        new String[] {
          "baselineOnMigrate",
          "createSchemas",
          "outOfOrder",
          "mixed",
          "group",
          "validateOnMigrate",
          "validateMigrationNaming",
          "placeholderReplacement",
          "skipDefaultCallbacks",
          "executeInTransaction",
          "batch",
          "stream"
        }) {
      SUPPORTED.put(key, Kind.BOOLEAN);
    }
    SUPPORTED.put("table", Kind.IDENTIFIER);
    SUPPORTED.put("defaultSchema", Kind.IDENTIFIER);
    SUPPORTED.put("tablespace", Kind.IDENTIFIER);
    SUPPORTED.put("schemas", Kind.IDENTIFIER_LIST);
    SUPPORTED.put("baselineVersion", Kind.VERSION);
    for (String key :
        new String[] {
          "baselineDescription",
          "installedBy",
          "placeholderPrefix",
          "placeholderSuffix",
          "placeholderSeparator",
          "scriptPlaceholderPrefix",
          "scriptPlaceholderSuffix"
        }) {
      SUPPORTED.put(key, Kind.TEXT);
    }
    for (String key :
        new String[] {
          "sqlMigrationPrefix",
          "undoSqlMigrationPrefix",
          "repeatableSqlMigrationPrefix",
          "baselineMigrationPrefix",
          "sqlMigrationSeparator"
        }) {
      SUPPORTED.put(key, Kind.NAME_PART);
    }
    SUPPORTED.put("sqlMigrationSuffixes", Kind.NAME_PART_LIST);
    SUPPORTED.put("encoding", Kind.CHARSET);
    SUPPORTED.put("ignoreMigrationPatterns", Kind.PATTERN_LIST);
    SUPPORTED.put("callbackLocations", Kind.FOLDER_LIST);
    SUPPORTED.put("executor", Kind.EXECUTOR);
    SUPPORTED.put("locations", Kind.IGNORED);
    SUPPORTED.put("failOnMissingLocations", Kind.IGNORED);

    for (String key : new String[] {"url", "user", "password", "driver", "jdbcProperties"}) {
      REFUSED.put(key, DATABASE);
    }
    for (String key :
        new String[] {"callbacks", "resolvers", "skipDefaultResolvers", "jarDirs", "plugins"}) {
      REFUSED.put(key, CODE);
    }
    REFUSED.put(
        "initSql",
        "it would run on every connection, also on the ones that hold schemagate's lock and carry"
            + " its time limits; put the statement into a migration or a beforeMigrate.sql callback");
    for (String key : new String[] {"connectRetries", "connectRetriesInterval", "lockRetryCount"}) {
      REFUSED.put(
          key,
          "schemagate bounds the waits for the database and for the lock itself (--connect-timeout,"
              + " --lock-timeout; in the operator, its own settings)");
    }
    REFUSED.put(
        "postgresql.transactional.lock",
        "schemagate always takes Flyway's PostgreSQL lock outside a transaction, so that CREATE"
            + " INDEX CONCURRENTLY and other non-transactional statements never wait for it");
    for (String key : new String[] {"cleanDisabled", "cleanOnValidationError"}) {
      REFUSED.put(
          key,
          "clean stays disabled unless schemagate's reset allows it (spec.policy.allowClean, or"
              + " `reset` with confirmation)");
    }
    REFUSED.put(
        "target",
        "the target is the resource's spec.target or the command's version argument (`upgrade 7`)");
    REFUSED.put("skipExecutingMigrations", "use `stamp <version>`, which records without running");
    for (String key :
        new String[] {
          "cherryPick",
          "dryRunOutput",
          "errorOverrides",
          "detectEncoding",
          "licenseKey",
          "outputQueryResults",
          "undoSqlMigrationSuffixes",
          "kerberosConfigFile",
          "oracle",
          "sqlserver",
          "snowflake",
          "cassandra"
        }) {
      REFUSED.put(key, PAID + " or of a database schemagate does not run");
    }
    for (String key :
        new String[] {
          "configFiles", "configFileEncoding", "workingDirectory", "environment", "reportEnabled"
        }) {
      REFUSED.put(
          key,
          "schemagate reads only the flyway.conf or flyway.toml inside the migrations folder and"
              + " reports in its own output and status");
    }
  }

  private FlywayKeys() {}

  /** The kind of value a supported key takes; {@code placeholders.<name>} is TEXT. */
  public static Optional<Kind> kind(String key) {
    if (key.startsWith("placeholders.") && key.length() > "placeholders.".length()) {
      return Optional.of(Kind.TEXT);
    }
    return Optional.ofNullable(SUPPORTED.get(key));
  }

  /** Why a key is refused, when it is; a dotted key is refused by its first part too. */
  public static Optional<String> refusal(String key) {
    String reason = REFUSED.get(key);
    if (reason == null && key.contains(".")) {
      reason = REFUSED.get(key.substring(0, key.indexOf('.')));
    }
    return Optional.ofNullable(reason);
  }

  /** Every supported key, in the order docs/coming-from-flyway.md lists them. */
  public static Map<String, Kind> supported() {
    return java.util.Collections.unmodifiableMap(SUPPORTED);
  }

  /** Every refused key with its reason. */
  public static Map<String, String> refused() {
    return java.util.Collections.unmodifiableMap(REFUSED);
  }
}
