package io.schemagate.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A lock held for the whole of a change to one schema history, with a bounded wait.
 *
 * <p>Flyway locks too, but on MySQL it waits forever and its retry count is one JVM-wide static, so
 * schemagate takes its own lock first and Flyway then finds its own lock free. PostgreSQL uses a
 * session advisory lock, MySQL/MariaDB {@code GET_LOCK}, SQLite (which Flyway does not lock at all)
 * an OS file lock next to the database file, H2 a lock inside this process.
 */
public final class MigrationLock implements AutoCloseable {
  private static final Map<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 200;

  /** What a holder writes into its lock file before removing it. */
  private static final byte[] REMOVED =
      "removed by its holder\n".getBytes(StandardCharsets.US_ASCII);

  private final ReentrantLock local;
  private final Connection connection;
  private final String releaseSql;
  private final Object releaseArgument;
  private final FileChannel fileChannel;
  private final FileLock fileLock;
  private final Path lockFile;

  private MigrationLock(
      ReentrantLock local,
      Connection connection,
      String releaseSql,
      Object releaseArgument,
      FileChannel fileChannel,
      FileLock fileLock,
      Path lockFile) {
    this.lockFile = lockFile;
    this.local = local;
    this.connection = connection;
    this.releaseSql = releaseSql;
    this.releaseArgument = releaseArgument;
    this.fileChannel = fileChannel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock for one schema history table, waiting at most {@code timeout}.
   *
   * @throws LockTimeoutException when another migration holds it longer than that
   */
  public static MigrationLock acquire(
      DatabaseUrl url, DataSource dataSource, String scope, Duration timeout) throws SQLException {
    String key = url.jdbcUrl() + "|" + scope;
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    try {
      if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw timeout(url, scope, timeout, "another migration in this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timeout(url, scope, timeout, "interrupted while waiting");
    }
    try {
      return switch (url.kind()) {
        case POSTGRESQL, MYSQL, MARIADB ->
            serverLock(url, dataSource, scope, timeout, deadline, local);
        case SQLITE -> file(url, scope, timeout, deadline, local);
        case H2 -> new MigrationLock(local, null, null, null, null, null, null);
      };
    } catch (RuntimeException | SQLException e) {
      local.unlock();
      throw e;
    }
  }

  /**
   * PostgreSQL's advisory lock or MySQL's named lock, held by one pooled connection until {@link
   * #close()}. Both are tried without blocking and retried until the deadline, so the wait stays
   * bounded on every server.
   */
  private static MigrationLock serverLock(
      DatabaseUrl url,
      DataSource dataSource,
      String scope,
      Duration timeout,
      long deadline,
      ReentrantLock local)
      throws SQLException {
    boolean postgres = url.kind() == DatabaseKind.POSTGRESQL;
    Object argument = postgres ? lockKey(scope) : lockName(url, scope);
    String takeSql = postgres ? "SELECT pg_try_advisory_lock(?)" : "SELECT GET_LOCK(?, 0)";
    String releaseSql = postgres ? "SELECT pg_advisory_unlock(?)" : "SELECT RELEASE_LOCK(?)";
    Connection connection = dataSource.getConnection();
    try (PreparedStatement take = connection.prepareStatement(takeSql)) {
      take.setObject(1, argument);
      while (true) {
        try (ResultSet rs = take.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return new MigrationLock(local, connection, releaseSql, argument, null, null, null);
          }
        }
        if (System.nanoTime() > deadline) {
          throw timeout(url, scope, timeout, "another session holds it");
        }
        sleep();
      }
    } catch (RuntimeException | SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * The MySQL/MariaDB {@code GET_LOCK} name for a scope in the URL's database (at most 64
   * characters, so a digest). {@code GET_LOCK} names are server-wide, so the database is part of
   * the name: two databases on one server never wait for each other. PostgreSQL's advisory locks
   * belong to one database already.
   */
  public static String lockName(DatabaseUrl url, String scope) {
    return "schemagate:"
        + Long.toHexString(lockKey(url.database().map(d -> d + "/").orElse("") + scope));
  }

  /** The file next to a SQLite database that schemagate processes lock. */
  public static Path lockFile(Path database) {
    Path absolute = database.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + ".schemagate-lock");
  }

  private static MigrationLock file(
      DatabaseUrl url, String scope, Duration timeout, long deadline, ReentrantLock local) {
    if (url.sqliteFile().isEmpty()) {
      return new MigrationLock(local, null, null, null, null, null, null);
    }
    Path database = url.sqliteFile().get().toAbsolutePath();
    Path lockFile = lockFile(database);
    try {
      FileChannel channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      try {
        while (true) {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            if (stillAt(channel)) {
              return new MigrationLock(local, null, null, null, channel, lock, lockFile);
            }
            // The holder before removed the file as it let go: this lock is on a file nobody
            // else will open again. Lock the file the name holds now.
            channel.close();
            channel =
                FileChannel.open(
                    lockFile,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            continue;
          }
          if (System.nanoTime() > deadline) {
            throw new LockTimeoutException(
                "The SQLite database file "
                    + database
                    + " is locked by another schemagate process (lock file "
                    + lockFile
                    + ") and stayed locked for "
                    + timeout.toSeconds()
                    + " s; wait for it to finish or raise the lock timeout");
          }
          sleep();
        }
      } catch (RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new LockTimeoutException(
          "Cannot lock the SQLite database file " + database + ": " + e.getMessage());
    }
  }

  /**
   * True when the file {@code channel} locked is still the one the name holds. A holder marks its
   * file as removed through its own channel, then removes it, and only then lets go, so a process
   * that opened the file before and locks it after reads the mark and opens the name again. No
   * second descriptor is opened on the file: closing one would drop this process's lock (POSIX).
   */
  private static boolean stillAt(FileChannel channel) throws IOException {
    ByteBuffer seen = ByteBuffer.allocate(REMOVED.length);
    channel.read(seen, 0);
    return !Arrays.equals(seen.array(), REMOVED);
  }

  private static LockTimeoutException timeout(
      DatabaseUrl url, String scope, Duration timeout, String why) {
    return new LockTimeoutException(
        "Another migration is running on "
            + url.redacted()
            + " ("
            + scope
            + "): "
            + why
            + " and held the lock for more than "
            + timeout.toSeconds()
            + " s; wait for it to finish or raise the lock timeout");
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockTimeoutException("Interrupted while waiting for the migration lock");
    }
  }

  /** The PostgreSQL advisory lock key for a scope, so an administrator can see who holds it. */
  public static long lockKey(String scope) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("schemagate:" + scope).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = (key << 8) | (digest[i] & 0xff);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    try {
      if (connection != null) {
        try (connection;
            PreparedStatement release = connection.prepareStatement(releaseSql)) {
          release.setObject(1, releaseArgument);
          release.execute();
        } catch (SQLException e) {
          // Closing the session releases the lock on the server anyway.
        }
      }
      if (fileLock != null) {
        try (fileChannel) {
          // Marked and removed while still locked, so no file is left next to the database and
          // a process waiting on this file knows to open the name again (see stillAt).
          fileChannel.write(ByteBuffer.wrap(REMOVED), 0);
          Files.deleteIfExists(lockFile);
          fileLock.release();
        } catch (IOException e) {
          // Closing the channel releases the OS lock anyway.
        }
      }
    } finally {
      local.unlock();
    }
  }
}
