package io.schemagate.db;

import java.util.Locale;
import java.util.Optional;

/**
 * The database products schemagate migrates, with the folder name used for per-database scripts.
 */
public enum DatabaseKind {
  POSTGRESQL(
      "postgresql",
      "jdbc:postgresql:",
      "org.postgresql:postgresql and org.flywaydb:flyway-database-postgresql"),
  MYSQL("mysql", "jdbc:mysql:", "com.mysql:mysql-connector-j and org.flywaydb:flyway-mysql"),
  MARIADB(
      "mysql",
      "jdbc:mariadb:",
      "org.mariadb.jdbc:mariadb-java-client and org.flywaydb:flyway-mysql"),
  SQLITE("sqlite", "jdbc:sqlite:", "org.xerial:sqlite-jdbc"),
  H2("h2", "jdbc:h2:", "com.h2database:h2");

  private final String folder;
  private final String jdbcPrefix;
  private final String artifacts;

  DatabaseKind(String folder, String jdbcPrefix, String artifacts) {
    this.folder = folder;
    this.jdbcPrefix = jdbcPrefix;
    this.artifacts = artifacts;
  }

  /** The Maven artifacts an application embedding the engine adds for this database. */
  public String artifacts() {
    return artifacts;
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
