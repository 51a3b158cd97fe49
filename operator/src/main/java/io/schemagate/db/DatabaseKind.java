package io.schemagate.db;

import java.util.Locale;
import java.util.Optional;

/**
 * The database products schemagate migrates, with the folder name used for per-database scripts.
 */
public enum DatabaseKind {
  POSTGRESQL("postgresql", "jdbc:postgresql:", 5432),
  MYSQL("mysql", "jdbc:mysql:", 3306),
  MARIADB("mysql", "jdbc:mariadb:", 3306),
  SQLITE("sqlite", "jdbc:sqlite:", 0),
  H2("h2", "jdbc:h2:", 0);

  private final String folder;
  private final String jdbcPrefix;
  private final int defaultPort;

  DatabaseKind(String folder, String jdbcPrefix, int defaultPort) {
    this.folder = folder;
    this.jdbcPrefix = jdbcPrefix;
    this.defaultPort = defaultPort;
  }

  /**
   * Name of the bundle subfolder whose scripts override the common ones for this database. MariaDB
   * shares {@code mysql/}: the two speak the same SQL for migrations.
   */
  public String folder() {
    return folder;
  }

  public String jdbcPrefix() {
    return jdbcPrefix;
  }

  public int defaultPort() {
    return defaultPort;
  }

  /** True where DDL runs inside a transaction, so a failed migration leaves nothing behind. */
  public boolean hasTransactionalDdl() {
    return this == POSTGRESQL || this == SQLITE;
  }

  /** The kind a JDBC URL talks to, if schemagate supports it. */
  public static Optional<DatabaseKind> ofJdbcUrl(String jdbcUrl) {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    for (DatabaseKind kind : values()) {
      if (lower.startsWith(kind.jdbcPrefix)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
