package io.schemagate.autogen;

import io.schemagate.autogen.AutogenerateException.Cause;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A database of the target's kind that lives for one {@code create --autogenerate}: an embedded
 * PostgreSQL server of this process for PostgreSQL, an in-memory H2 database, a SQLite file in a
 * temporary folder, or a temporary database on the MySQL/MariaDB server the target names. Closing
 * it drops it.
 */
final class ScratchDatabase implements AutoCloseable {
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static EmbeddedPostgres postgres;

  private final DatabaseUrl url;
  private final String schema;
  private final Runnable drop;
  private final Connection keeper;

  private ScratchDatabase(DatabaseUrl url, String schema, Connection keeper, Runnable drop) {
    this.url = url;
    this.schema = schema;
    this.keeper = keeper;
    this.drop = drop;
  }

  /**
   * A fresh, empty database of {@code target}'s kind; on {@code server} when one is given
   * (PostgreSQL, MySQL, MariaDB), else on the embedded PostgreSQL or the target's MySQL server.
   */
  static ScratchDatabase create(DatabaseUrl target, DatabaseUrl server) {
    String name = "sg_scratch_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
    try {
      return switch (target.kind()) {
        case POSTGRESQL -> server == null ? postgres(name) : onServer(server, name, "public");
        case H2 -> h2(name);
        case SQLITE -> sqlite(name);
        case MYSQL, MARIADB -> onServer(server == null ? target : server, name, name);
      };
    } catch (SQLException e) {
      throw new AutogenerateException(
          Cause.SCRATCH,
          "Cannot make a scratch database of the kind "
              + target.kind().name().toLowerCase(Locale.ROOT)
              + ": "
              + e.getMessage());
    }
  }

  /** Where it is. */
  DatabaseUrl url() {
    return url;
  }

  /** The schema the bundle's objects land in when it names none. */
  String schema() {
    return schema;
  }

  /** A new connection, which the caller closes. */
  Connection connect() throws SQLException {
    return ConnectionPools.connectDirectly(url, CONNECT);
  }

  private static synchronized EmbeddedPostgres embedded() throws IOException {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofMinutes(2)).start();
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // The server's folder is temporary; nothing else is left.
                    }
                  },
                  "stop-scratch-postgres"));
    }
    return postgres;
  }

  private static ScratchDatabase postgres(String name) throws SQLException {
    EmbeddedPostgres server;
    try {
      server = embedded();
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new AutogenerateException(
          Cause.SCRATCH,
          "Cannot start the embedded PostgreSQL for the scratch database ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
              + "): give --scratch-url postgresql://USER@HOST/DATABASE, a server where"
              + " schemagate may create and drop databases");
    }
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://postgres@localhost:" + server.getPort() + "/" + name);
    return new ScratchDatabase(
        url,
        "public",
        null,
        () -> {
          try (Connection c = server.getPostgresDatabase().getConnection();
              Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
          } catch (SQLException e) {
            // The server and its folder go when the process ends.
          }
        });
  }

  private static ScratchDatabase h2(String name) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse("h2:mem:" + name);
    // An in-memory H2 database lives while a connection to it is open.
    Connection keeper = ConnectionPools.connectDirectly(url, CONNECT);
    return new ScratchDatabase(url, "PUBLIC", keeper, () -> {});
  }

  private static ScratchDatabase sqlite(String name) {
    try {
      Path folder = Files.createTempDirectory("schemagate-scratch");
      Path file = folder.resolve(name + ".db");
      DatabaseUrl url = DatabaseUrl.parse("sqlite:///" + file.toAbsolutePath());
      return new ScratchDatabase(
          url,
          "main",
          null,
          () -> {
            try (var files = Files.walk(folder)) {
              files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
              // A temporary folder is left.
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a temporary folder for a SQLite database", e);
    }
  }

  /** A database made on {@code server} and dropped on close. */
  private static ScratchDatabase onServer(DatabaseUrl server, String name, String schema)
      throws SQLException {
    try (Connection c = ConnectionPools.connectDirectly(server, CONNECT);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String jdbc = server.jdbcUrl();
    int slash = jdbc.indexOf('/', jdbc.indexOf("//") + 2);
    int query = jdbc.indexOf('?', Math.max(slash, 0));
    String scratch =
        (slash < 0 ? (query < 0 ? jdbc : jdbc.substring(0, query)) : jdbc.substring(0, slash))
            + "/"
            + name
            + (query < 0 ? "" : jdbc.substring(query));
    DatabaseUrl url =
        DatabaseUrl.parse(scratch)
            .withCredentials(server.user().orElse(null), server.password().orElse(null));
    return new ScratchDatabase(
        url,
        schema,
        null,
        () -> {
          try (Connection c = ConnectionPools.connectDirectly(server, CONNECT);
              Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
          } catch (SQLException e) {
            // Named sg_scratch_*: left for the developer to drop.
          }
        });
  }

  @Override
  public void close() {
    if (keeper != null) {
      try (Statement s = keeper.createStatement()) {
        // H2 keeps an in-memory database until it is shut down.
        s.execute("SHUTDOWN");
        keeper.close();
      } catch (SQLException e) {
        // Closing the last connection drops the in-memory database either way.
      }
    }
    drop.run();
  }
}
