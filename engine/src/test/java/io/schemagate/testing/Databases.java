package io.schemagate.testing;

import io.schemagate.db.DatabaseKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Hands out fresh databases on the real engines: H2 in memory, SQLite files, PostgreSQL from the
 * embedded server (one per test JVM), and MariaDB at 127.0.0.1:3306 where one runs. Without a
 * MariaDB, its cases are skipped with the reason, except under CI=true, where they fail.
 */
public final class Databases {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
  private static EmbeddedPostgres postgres;
  private static Boolean mariadbReachable;
  private static Path sqliteRoot;
  private static final List<String> MARIADB_CREATED = new ArrayList<>();

  private Databases() {}

  /** A fresh database of {@code kind} (postgresql, mariadb, h2, sqlite), or skipped without it. */
  public static TestDatabase fresh(String kind) {
    TestDatabase database =
        switch (DatabaseKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT))) {
          case POSTGRESQL -> postgres();
          case MARIADB, MYSQL -> mariadbOrPlaceholder();
          case H2 -> h2();
          case SQLITE -> sqlite();
        };
    assumeAvailable(database);
    return database;
  }

  /** One fresh database of each kind. */
  public static List<TestDatabase> all() {
    List<TestDatabase> list = new ArrayList<>();
    list.add(h2());
    list.add(sqlite());
    list.add(postgres());
    list.add(mariadbOrPlaceholder());
    return list;
  }

  public static TestDatabase h2() {
    return new TestDatabase(
        "h2", DatabaseKind.H2, "h2:mem:t" + RUN + "_" + SEQUENCE.incrementAndGet());
  }

  public static TestDatabase sqlite() {
    try {
      Path dir = Files.createTempDirectory(sqliteRoot(), "db");
      Path file = dir.resolve("nested/folder/t" + SEQUENCE.incrementAndGet() + ".db");
      return new TestDatabase("sqlite", DatabaseKind.SQLITE, "sqlite:///" + file.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One folder for this JVM's SQLite files, deleted with them when the JVM ends. */
  private static synchronized Path sqliteRoot() throws IOException {
    if (sqliteRoot == null) {
      Path root = Files.createTempDirectory("schemagate-sqlite");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (Stream<Path> files = Files.walk(root)) {
                      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                      // Only temporary files are left.
                    }
                  },
                  "drop-sqlite-files"));
      sqliteRoot = root;
    }
    return sqliteRoot;
  }

  /** A fresh SQLite file in {@code folder} (for an operator's per-namespace data folder). */
  public static TestDatabase sqliteIn(Path folder) {
    Path file = folder.resolve("t" + RUN + "_" + SEQUENCE.incrementAndGet() + ".db");
    return new TestDatabase("sqlite", DatabaseKind.SQLITE, "sqlite:///" + file.toAbsolutePath());
  }

  /**
   * How long an embedded PostgreSQL may take to accept connections: zonky polls until it does, and
   * its default of 10 s ran out once while both cores were busy with other test JVMs.
   */
  public static final java.time.Duration POSTGRES_STARTUP = java.time.Duration.ofMinutes(2);

  public static synchronized TestDatabase postgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(POSTGRES_STARTUP).start();
      }
      String name = "t" + RUN + "_" + SEQUENCE.incrementAndGet();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + name);
      }
      return new TestDatabase(
          "postgresql",
          DatabaseKind.POSTGRESQL,
          "postgresql://postgres@localhost:" + postgres.getPort() + "/" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh MariaDB database, or a placeholder whose use skips (or fails under CI=true). */
  public static TestDatabase mariadbOrPlaceholder() {
    if (!mariadbReachable()) {
      return new TestDatabase("mariadb (not running)", DatabaseKind.MARIADB, null);
    }
    String name = "sg" + RUN + "_" + SEQUENCE.incrementAndGet();
    try (Connection connection =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    dropAtExit(name);
    return new TestDatabase(
        "mariadb", DatabaseKind.MARIADB, "mariadb://root@127.0.0.1:3306/" + name);
  }

  /**
   * The shared MariaDB server outlives the test JVM: what a test created there is dropped when the
   * JVM ends, the databases and the users named after them ({@code s_<database>}).
   */
  private static synchronized void dropAtExit(String database) {
    if (MARIADB_CREATED.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(Databases::dropCreated, "drop-test-databases"));
    }
    MARIADB_CREATED.add(database);
  }

  private static synchronized void dropCreated() {
    try (Connection connection =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
        Statement statement = connection.createStatement()) {
      for (String database : MARIADB_CREATED) {
        statement.execute("DROP DATABASE IF EXISTS " + database);
        statement.execute("DROP USER IF EXISTS 's_" + database + "'@'%'");
        statement.execute("DROP USER IF EXISTS 'u_" + database + "'@'%'");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test databases on MariaDB: " + e.getMessage());
    }
  }

  /** Skips the calling test when the database is the MariaDB placeholder (fails under CI). */
  public static void assumeAvailable(TestDatabase database) {
    if (database.url() == null) {
      String reason = "MariaDB is not reachable at 127.0.0.1:3306";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(reason + ", and CI=true requires it");
      }
      Assumptions.abort(reason + ": skipping the MariaDB case");
    }
  }

  private static synchronized boolean mariadbReachable() {
    if (mariadbReachable == null) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", 3306), 1000);
        mariadbReachable = true;
      } catch (IOException e) {
        mariadbReachable = false;
      }
    }
    return mariadbReachable;
  }

  /** The example bundle shipped in examples/lets-talk/migrations. */
  public static Path exampleMigrations() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/lets-talk/migrations");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/lets-talk/migrations not found above " + here);
  }
}
