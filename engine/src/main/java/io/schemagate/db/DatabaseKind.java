package io.schemagate.db;

import java.util.Locale;
import java.util.Optional;

/**
 * The database products schemagate migrates, with the folder name used for per-database scripts.
 */
public enum DatabaseKind {
  POSTGRESQL("postgresql", "jdbc:postgresql:"),
  MYSQL("mysql", "jdbc:mysql:"),
  MARIADB("mysql", "jdbc:mariadb:"),
  SQLITE("sqlite", "jdbc:sqlite:"),
  H2("h2", "jdbc:h2:");

  private final String folder;
  private final String jdbcPrefix;

  DatabaseKind(String folder, String jdbcPrefix) {
    this.folder = folder;
    this.jdbcPrefix = jdbcPrefix;
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
