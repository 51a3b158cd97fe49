package io.schemagate.bench;

import io.schemagate.testing.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one PostgreSQL server of a run: the local one at 127.0.0.1:5432 when it answers, else an
 * embedded one. Every measured run gets a database of its own, created from scratch (or copied from
 * a prepared template), so each contender starts from the same state.
 */
final class BenchDatabase implements AutoCloseable {
  private static final String USER = "postgres";

  private final String host;
  private final int port;
  private final EmbeddedPostgres embedded;
  private final String prefix = "sgbench_" + Long.toString(ProcessHandle.current().pid(), 36);
  private final List<String> created = new ArrayList<>();
  private int sequence;

  private BenchDatabase(String host, int port, EmbeddedPostgres embedded) {
    this.host = host;
    this.port = port;
    this.embedded = embedded;
  }

  static BenchDatabase start() throws IOException {
    if (answers("127.0.0.1", 5432)) {
      try (Connection c =
          DriverManager.getConnection(jdbc("127.0.0.1", 5432, "postgres"), USER, null)) {
        return new BenchDatabase("127.0.0.1", 5432, null);
      } catch (SQLException e) {
        System.out.println(
            "PostgreSQL at 127.0.0.1:5432 refused user postgres ("
                + e.getMessage()
                + "); using an embedded server");
      }
    }
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setPGStartupWait(Databases.POSTGRES_STARTUP).start();
    return new BenchDatabase("127.0.0.1", pg.getPort(), pg);
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String jdbc(String host, int port, String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
  }

  String describe() {
    return (embedded == null ? "local server" : "embedded (zonky)") + ", " + serverVersion();
  }

  int port() {
    return port;
  }

  String host() {
    return host;
  }

  /** A new empty database, optionally a copy of {@code template}. */
  String fresh(String template) throws SQLException {
    String name = prefix + "_" + (++sequence);
    admin("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    created.add(name);
    return name;
  }

  String jdbcUrl(String database) {
    return jdbc(host, port, database);
  }

  /** The URL as a DatabaseMigration or the schemagate CLI takes it. */
  String schemagateUrl(String database, int viaPort) {
    return "postgresql://"
        + USER
        + "@"
        + host
        + ":"
        + viaPort
        + "/"
        + database
        + "?sslmode=disable";
  }

  String user() {
    return USER;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, null);
  }

  long count(String database, String sql) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Drops a database (closing its sessions) to keep the server small between runs. */
  void drop(String database) throws SQLException {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    created.remove(database);
  }

  private String serverVersion() {
    try (Connection c = DriverManager.getConnection(jdbc(host, port, "postgres"), USER, null);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (SQLException e) {
      return "PostgreSQL (version unknown: " + e.getMessage() + ")";
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc(host, port, "postgres"), USER, null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws Exception {
    for (String name : new ArrayList<>(created)) {
      drop(name);
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
