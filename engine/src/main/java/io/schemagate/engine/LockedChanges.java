package io.schemagate.engine;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.db.LockBlockers;
import io.schemagate.db.MigrationLock;
import io.schemagate.db.RunningSessions;
import io.schemagate.engine.api.Durations;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.flyway.FailureClassifier;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs the changes of one history (upgrade, downgrade, stamp, repair, clean) under the migration
 * lock, and every read of the engine outside them, with the run's deadline, its sessions recorded
 * so that the deadline or {@link #cancel} can stop them on the server; and says what stopped a run,
 * or who held the lock it waited for.
 */
final class LockedChanges {
  private final DatabaseUrl url;
  private final DataSource dataSource;
  private final GuardedDataSource guarded;
  private final EngineSettings settings;
  private volatile RunningSessions.Interruption stoppedBefore;
  private volatile Thread lockHolder;

  LockedChanges(
      DatabaseUrl url, DataSource dataSource, GuardedDataSource guarded, EngineSettings settings) {
    this.url = url;
    this.dataSource = dataSource;
    this.guarded = guarded;
    this.settings = settings;
  }

  /** Stops the run under way and refuses every later one; returns at once. */
  void cancel(String why) {
    RunningSessions.Interruption stop =
        new RunningSessions.Interruption(RunningSessions.Stop.CANCELLED, why);
    stoppedBefore = stop;
    RunningSessions run = guarded.current();
    if (run != null) {
      run.stop(stop.stop(), why);
    }
  }

  /**
   * Runs a change under the migration lock and the run's deadline, its sessions recorded. A change
   * inside a change (a plan made and applied under one lock) is part of the outer one.
   */
  <T> T run(Supplier<T> work) {
    if (lockHolder == Thread.currentThread()) {
      return work.get();
    }
    return timed(
        () -> {
          try (MigrationLock lock =
              MigrationLock.acquire(
                  url, dataSource, settings.lockScope(), settings.lockTimeout())) {
            lockHolder = Thread.currentThread();
            try {
              return work.get();
            } finally {
              lockHolder = null;
            }
          }
        },
        false);
  }

  /**
   * Runs a read (a plan, the history, the lint's table sizes) under the same deadline, its sessions
   * recorded: a server that stops answering, or a statement that never ends, holds the caller no
   * longer than a change would. A read inside a run is part of that run.
   */
  <T> T read(Supplier<T> work) {
    if (guarded.current() != null) {
      return work.get();
    }
    return timed(work::get, true);
  }

  private interface Work<T> {
    T get() throws SQLException;
  }

  private <T> T timed(Work<T> work, boolean read) {
    RunningSessions.Interruption early = stoppedBefore;
    if (early != null) {
      throw interrupted(early, null, true, read);
    }
    RunningSessions run =
        guarded.begin(
            "ran longer than its deadline of " + Durations.describe(settings.limits().deadline()));
    try {
      try {
        return work.get();
      } catch (SQLException | RuntimeException e) {
        throw FailureClassifier.classify(e, url, settings.limits());
      }
    } catch (EngineException e) {
      Optional<RunningSessions.Interruption> stop = run.interruption();
      if (stop.isPresent()) {
        throw interrupted(stop.get(), e, run.serverReached(), read);
      }
      if (e.kind() == FailureKind.LOCK_WAIT_TIMEOUT) {
        throw new EngineException(
            e.kind(),
            url.secrets()
                .redact(
                    e.getMessage()
                        + " The lock is "
                        + LockBlockers.describe(url.kind(), dataSource)
                        + "."),
            e.script(),
            e.line(),
            e.getCause());
      }
      throw e;
    } finally {
      guarded.end(run);
    }
  }

  /**
   * The failure of a stopped run, saying how it was stopped: cancelled on the server, or, when the
   * server could not be reached, by closing the operator's own connections.
   */
  private EngineException interrupted(
      RunningSessions.Interruption stop,
      EngineException failure,
      boolean serverReached,
      boolean read) {
    String script = failure == null ? null : failure.script();
    boolean deadline = stop.stop() == RunningSessions.Stop.DEADLINE;
    StringBuilder message =
        new StringBuilder(deadline ? "The run " : "The run was cancelled: ").append(stop.why());
    String how =
        serverReached
            ? " was cancelled on the server"
            : " was stopped by closing the operator's connections; the database could not be"
                + " reached to cancel it, so it may run on until its own statement timeout";
    if (failure == null) {
      message.append("; nothing was started.");
    } else if (read) {
      message.append("; its read of the database").append(how).append(" before any change.");
    } else if (script != null) {
      message
          .append("; ")
          .append(script)
          .append(how)
          .append(FailureClassifier.leftBehind(url.kind(), failure));
    } else {
      message.append("; its statement").append(how).append(" between migrations.");
    }
    return new EngineException(
        deadline ? FailureKind.DEADLINE_EXCEEDED : FailureKind.CANCELLED,
        url.secrets().redact(message.toString()),
        script,
        failure == null ? 0 : failure.line(),
        failure);
  }
}
