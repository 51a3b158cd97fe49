package io.schemagate.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose every connection carries the run's {@link SessionLimits} and, while a run is
 * under way, is recorded in its {@link RunningSessions} so that it can be cancelled on the server.
 * The engine hands this to Flyway; no statement of a migration escapes it.
 */
public final class GuardedDataSource implements DataSource {
  private static final java.time.Duration CONTROL_CONNECT_TIMEOUT =
      java.time.Duration.ofSeconds(10);

  private final DataSource pool;
  private final DatabaseUrl url;
  private final SessionLimits limits;
  private volatile RunningSessions run;

  public GuardedDataSource(DataSource pool, DatabaseUrl url, SessionLimits limits) {
    this.pool = pool;
    this.url = url;
    this.limits = limits;
  }

  public SessionLimits limits() {
    return limits;
  }

  /** Starts recording sessions for one run; {@link #end} stops it. */
  public RunningSessions begin(String deadlineWhy) {
    RunningSessions sessions =
        new RunningSessions(
            url.kind(), () -> ConnectionPools.connectDirectly(url, CONTROL_CONNECT_TIMEOUT));
    sessions.deadline(limits.deadline(), deadlineWhy);
    run = sessions;
    return sessions;
  }

  /** Ends the run that {@link #begin} started. */
  public void end(RunningSessions sessions) {
    sessions.finish();
    if (run == sessions) {
      run = null;
    }
  }

  /** The run under way, or null. */
  public RunningSessions current() {
    return run;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = pool.getConnection();
    try {
      String id = SessionControl.prepare(connection, url.kind(), limits);
      RunningSessions sessions = run;
      if (sessions == null) {
        return connection;
      }
      sessions.add(connection, id);
      return released(connection, sessions);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** {@code connection}, forgotten by {@code sessions} when it goes back to the pool. */
  private static Connection released(Connection connection, RunningSessions sessions) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                sessions.remove(connection);
              }
              // The proxy is its own identity, as the connection it stands for is.
              if ("equals".equals(method.getName()) && method.getParameterCount() == 1) {
                return proxy == args[0];
              }
              if ("hashCode".equals(method.getName()) && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("credentials come from the target");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }
}
