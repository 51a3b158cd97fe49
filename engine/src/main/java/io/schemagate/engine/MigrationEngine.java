package io.schemagate.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.HistoryFingerprint;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.ReadContext;
import io.schemagate.engine.api.Refusal;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.engine.flyway.FlywayFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The migration engine: one bundle against one database, Flyway underneath. Every operation returns
 * a plain record or throws an {@link EngineException}; operations that change the history hold a
 * {@link MigrationLock} with a bounded wait. Knows nothing of Kubernetes.
 */
public final class MigrationEngine implements AutoCloseable {

  private final DatabaseUrl url;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private final AutoCloseable ownedPool;
  private final GuardedDataSource guarded;
  private final LockedChanges changes;
  private final HistoryReads reads;
  private final FlywayFactory flyways;
  private final OfflinePlans offline;
  private final Maintenance maintenance;
  private final EngineParts parts;
  private final Downgrades downgrades;
  private final Upgrades upgrades;

  /** An engine over a pool the caller owns and closes. */
  public MigrationEngine(
      DatabaseUrl url, DataSource dataSource, Bundle bundle, EngineSettings settings) {
    this(url, dataSource, bundle, settings, null);
  }

  private MigrationEngine(
      DatabaseUrl url,
      DataSource dataSource,
      Bundle bundle,
      EngineSettings settings,
      AutoCloseable ownedPool) {
    this.url = url;
    this.scripts = bundle.forDatabase(url.kind());
    this.settings = settings;
    this.ownedPool = ownedPool;
    this.guarded = new GuardedDataSource(dataSource, url, settings.limits());
    this.changes = new LockedChanges(url, dataSource, guarded, settings);
    this.flyways = new FlywayFactory(url.kind(), guarded, scripts, settings);
    this.reads = new HistoryReads(url, dataSource, bundle, scripts, settings);
    this.parts = new EngineParts(url, dataSource, guarded, scripts, settings, reads, flyways);
    this.downgrades = new Downgrades(parts);
    this.upgrades = new Upgrades(parts);
    this.offline = new OfflinePlans(parts);
    this.maintenance = new Maintenance(parts, changes);
  }

  /**
   * Opens a pool of its own for {@code url} and checks that it can connect; {@link #close()} closes
   * the pool.
   *
   * @throws EngineException when the database is unreachable or refuses the credentials
   */
  public static MigrationEngine open(
      DatabaseUrl url, Bundle bundle, EngineSettings settings, ConnectionSettings connection) {
    HikariDataSource pool;
    try {
      pool = ConnectionPools.open(url, connection, settings.lockTimeout());
    } catch (RuntimeException e) {
      throw FailureClassifier.classify(e, url);
    }
    return new MigrationEngine(url, pool, bundle, settings, pool);
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new IllegalStateException("Closing the connection pool failed", e);
      }
    }
  }

  /** The scripts this database runs, after per-database overrides. */
  public ScriptSet scripts() {
    return scripts;
  }

  /**
   * Where the database stands against the bundle, and every history row, oldest first, with
   * Flyway's state for each (the rows that record undone versions included), from one read.
   */
  public Inspection inspect() {
    return guarded(
        () -> {
          MigrationInfoService info = plain().info();
          return new Inspection(reads.statusOf(info), reads.historyOf(info));
        });
  }

  /** Every script of the bundle and every history row, as {@code info} shows them. Reads only. */
  public List<HistoryEntry> info() {
    return guarded(() -> reads.view(plain().info()).all());
  }

  /**
   * The history table's fingerprint from one query, or empty when it cannot be read (no table yet,
   * or the database is away: the full check that follows then reports why). Reads only.
   */
  public Optional<HistoryFingerprint> fingerprint() {
    return reads.fingerprint();
  }

  /**
   * What moving the database to {@code target} would do, from one read of the history: the scripts
   * in order, and the refusal the engine would give. Reads only; {@link #apply} runs exactly it.
   *
   * @param target a version of the bundle, "0" for before the first, or {@code null}, "head" or
   *     "latest" for the bundle's head
   * @throws EngineException when the target is not a version of the bundle
   */
  public MigrationPlan plan(String target) {
    return guarded(() -> plan(target, plain().info()));
  }

  /**
   * The plan of a downgrade to {@code target} (a version, or a number of steps), from one read of
   * the history: the undo scripts newest first, a missing one marked "(missing)", or the refusal
   * when the target cannot be reached. Reads only; {@link #apply} runs exactly it.
   */
  public MigrationPlan plan(DowngradeTarget target) {
    return guarded(
        () -> {
          MigrationInfoService info = plain().info();
          try {
            return plan(reads.view(info).versionAfter(target), info).downward();
          } catch (EngineException e) {
            StatusReport status = reads.statusOf(info);
            return new MigrationPlan(
                new Inspection(status, reads.historyOf(info)),
                status.currentVersion(),
                target.version(),
                Direction.DOWN,
                List.of(),
                Optional.of(new Refusal(e.kind(), e.getMessage(), e.script())));
          }
        });
  }

  private MigrationPlan plan(String target, MigrationInfoService info) {
    StatusReport status = reads.statusOf(info);
    Inspection seen = new Inspection(status, reads.historyOf(info));
    String to = "0".equals(target) ? "0" : scripts.resolveTarget(target, settings.vocabulary());
    return Planner.plan(
        seen,
        to,
        ScriptSet.namesVersion(target),
        reads.view(info),
        settings,
        UnmanagedSchema.refusal(guarded, url, seen, settings));
  }

  /**
   * Runs exactly {@code plan}, a plan of this engine (or a part of one, {@link
   * MigrationPlan#upTo}), under the migration lock: its refusal, if it has one, or {@link
   * FailureKind#PLAN_STALE}, running nothing, when the history or the bundle moved since it was
   * planned.
   */
  public RunReport apply(MigrationPlan plan, MigrationListener listener) {
    return locked(
        () ->
            plan.direction() == Direction.DOWN
                ? downgrades.run(plan, listener)
                : upgrades.run(plan, listener));
  }

  /**
   * Applies pending migrations up to {@code target}, planned under the lock: a container that
   * waited for another one's upgrade plans after it.
   *
   * @param target as for {@link #plan(String)}; a named version below the applied one is refused
   */
  public RunReport upgrade(String target, MigrationListener listener) {
    return locked(() -> apply(plan(target).upward("downgrade"), listener));
  }

  /**
   * Reverts applied migrations newest first by running their {@code U} scripts, planned under the
   * lock. Refuses before touching anything when one of the needed undo scripts is missing.
   */
  public RunReport downgrade(DowngradeTarget target, MigrationListener listener) {
    return locked(() -> apply(plan(target), listener));
  }

  /**
   * The SQL {@code plan} runs, history statements included, as text for the database kind at hand
   * (the offline mode of Alembic); refused as {@link #apply} would refuse it. Reads only.
   */
  public String sql(MigrationPlan plan) {
    return guarded(
        () -> {
          Flyway flyway = plain();
          MigrationInfoService info = flyway.info();
          Stale.check(parts, plan.seen(), reads.statusOf(info), info);
          return plan.direction() == Direction.DOWN
              ? offline.downgrade(plan, info, flyway)
              : offline.upgrade(plan, info, flyway);
        });
  }

  /**
   * Runs {@code read} with this engine's database, scripts and settings, under the run's deadline
   * and cancelled with it: for tools built on the engine that read the catalogue (the lint's table
   * sizes). Reads only.
   */
  public <T> T read(java.util.function.Function<ReadContext, T> read) {
    return guarded(() -> read.apply(new ReadContext(url, guarded, scripts, settings)));
  }

  /** Validate, repair, stamp, baseline and clean: the commands that look after the history. */
  public Maintenance maintenance() {
    return maintenance;
  }

  private Flyway plain() {
    return flyways.plain();
  }

  /**
   * Stops the change under way, if any, by cancelling its statement on the server, and refuses
   * every later change of this engine: the caller no longer wants it (its resource was deleted or
   * changed). Returns at once; the run that was stopped ends with {@link FailureKind#CANCELLED}.
   */
  public void cancel(String why) {
    changes.cancel(why);
  }

  /** A read, under the run's deadline: it is cancelled on the server when it takes longer. */
  private <T> T guarded(Supplier<T> work) {
    return changes.read(work);
  }

  private <T> T locked(Supplier<T> work) {
    return changes.run(work);
  }
}
