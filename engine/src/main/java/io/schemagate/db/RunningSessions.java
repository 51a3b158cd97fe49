package io.schemagate.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database sessions one run (an upgrade, a downgrade, a clean) uses, so that its deadline or
 * its caller can stop it on the server. A cancel first asks the server to cancel each session's
 * statement; a statement still running after a grace period gets its session ended.
 */
public final class RunningSessions {
  private static final Logger LOG = LoggerFactory.getLogger(RunningSessions.class);
  private static final Duration GRACE = Duration.ofSeconds(5);

  /** Deadlines and hard stops of every run in the process; one daemon thread that only times. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "schemagate-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Where the stopping happens: each stop connects to its own database, and a server that is slow
   * to answer must delay no other run's deadline, so each stop gets a thread of its own.
   */
  private static final ExecutorService STOPPERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "schemagate-stop");
            thread.setDaemon(true);
            return thread;
          });

  /** Why a run was stopped from outside. */
  public enum Stop {
    /** The run took longer than its deadline. */
    DEADLINE,
    /** The caller cancelled it (the resource was deleted or changed). */
    CANCELLED
  }

  /** One stop, with the caller's words for it. */
  public record Interruption(Stop stop, String why) {}

  private record Session(Connection connection, String id) {}

  /** Opens a connection outside the run's pool, from which its sessions are stopped. */
  interface ControlConnection {
    Connection open() throws SQLException;
  }

  private final DatabaseKind kind;
  private final ControlConnection control;
  private final List<Session> sessions = new ArrayList<>();
  private volatile Interruption interruption;
  private volatile boolean serverReached;
  private volatile boolean finished;
  private ScheduledFuture<?> deadline;
  private ScheduledFuture<?> hardStop;

  RunningSessions(DatabaseKind kind, ControlConnection control) {
    this.kind = kind;
    this.control = control;
  }

  synchronized void add(Connection connection, String id) {
    sessions.add(new Session(connection, id));
  }

  /**
   * Forgets a connection the run gave back to its pool: the pool may hand the same session to
   * another resource's run next, whose statements this run's deadline must never touch.
   */
  synchronized void remove(Connection connection) {
    sessions.removeIf(session -> session.connection() == connection);
  }

  /** How many connections the run holds now. */
  synchronized int held() {
    return sessions.size();
  }

  /**
   * True when the stop reached the server to cancel the statement; false when the server could not
   * be reached (a script locked the control connection out, say), and the run was stopped by
   * closing its own connections only, so the server may go on until its own statement timeout.
   */
  public boolean serverReached() {
    return serverReached;
  }

  /** Stops the run at {@code after} from now, unless it finished first. */
  synchronized void deadline(Duration after, String why) {
    if (!after.isZero()) {
      deadline =
          TIMER.schedule(() -> stop(Stop.DEADLINE, why), after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops the run: its statements are cancelled on the server at once, on a timer thread, so the
   * caller (an informer thread, say) never waits on a database. Later calls change nothing.
   */
  public void stop(Stop stop, String why) {
    synchronized (this) {
      if (finished || interruption != null) {
        return;
      }
      interruption = new Interruption(stop, why);
    }
    STOPPERS.execute(this::cancelStatements);
  }

  /** Why the run was stopped, if it was. */
  public Optional<Interruption> interruption() {
    return Optional.ofNullable(interruption);
  }

  /** Marks the run as over: no deadline fires and no session is touched after this. */
  synchronized void finish() {
    finished = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (hardStop != null) {
      hardStop.cancel(false);
    }
  }

  private void cancelStatements() {
    List<Session> current = snapshot();
    if (current == null) {
      return;
    }
    boolean reached =
        each(
                current,
                (connection, session) -> SessionControl.stop(connection, kind, session.id(), false))
            .isPresent();
    if (!reached) {
      // The server cannot be told: the run's own connections are closed, so its thread returns
      // at once whatever the server does.
      abort(current);
      return;
    }
    synchronized (this) {
      if (!finished) {
        hardStop =
            TIMER.schedule(
                () -> STOPPERS.execute(this::endSessions), GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void endSessions() {
    List<Session> current = snapshot();
    if (current == null) {
      return;
    }
    List<Session> ended =
        each(
                current,
                (connection, session) -> SessionControl.stop(connection, kind, session.id(), true))
            .orElse(List.of());
    if (!ended.isEmpty()) {
      LOG.warn(
          "A cancelled statement did not stop within {} s; ending its session", GRACE.toSeconds());
    }
    // Every connection the run still holds is closed on the client side, whatever the server
    // answered: the run's thread must return.
    abort(current);
  }

  private void abort(List<Session> current) {
    for (Session session : current) {
      try {
        session.connection().abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        LOG.debug("Aborting a connection failed: {}", e.getMessage());
      }
    }
  }

  private synchronized List<Session> snapshot() {
    return finished ? null : List.copyOf(sessions);
  }

  private interface SessionAction {
    void run(Connection control, Session session) throws SQLException;
  }

  /**
   * Applies {@code action} to the sessions that run a statement now; returns them, or empty when
   * the server could not be reached.
   */
  private Optional<List<Session>> each(List<Session> current, SessionAction action) {
    List<Session> known = current.stream().filter(s -> s.id() != null).toList();
    if (known.isEmpty()) {
      return Optional.of(List.of());
    }
    List<Session> busy = new ArrayList<>();
    try (Connection connection = control.open()) {
      serverReached = true;
      Set<String> running =
          SessionControl.busy(connection, kind, known.stream().map(Session::id).toList());
      for (Session session : known) {
        if (running.contains(session.id())) {
          busy.add(session);
          try {
            action.run(connection, session);
          } catch (SQLException e) {
            // The session may have ended meanwhile.
            LOG.debug("Stopping session {} failed: {}", session.id(), e.getMessage());
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "Could not reach the database to stop a run's statements ({}); closing the run's own"
              + " connections",
          e.getMessage());
      return Optional.empty();
    }
    return Optional.of(busy);
  }
}
