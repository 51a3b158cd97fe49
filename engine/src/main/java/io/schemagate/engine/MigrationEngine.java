package io.schemagate.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.engine.flyway.FailureClassifier;
import io.schemagate.engine.flyway.FlywayFactory;
import io.schemagate.engine.lint.Finding;
import io.schemagate.engine.lint.PlanReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.CleanResult;

/**
 * The migration engine: one bundle against one database, Flyway underneath. Every operation returns
 * a plain record or throws an {@link EngineException}; operations that change the history hold a
 * {@link MigrationLock} with a bounded wait. Knows nothing of Kubernetes.
 */
public final class MigrationEngine implements AutoCloseable {

  private final DatabaseUrl url;
  private final DataSource dataSource;
  private final ScriptSet scripts;
  private final EngineSettings settings;
  private final AutoCloseable ownedPool;
  private final GuardedDataSource guarded;
  private final LockedChanges changes;
  private final HistoryReads reads;
  private final FlywayFactory flyways;
  private final OfflinePlans offline;
  private final HistoryEdits edits;
  private final Downgrades downgrades;
  private final Upgrades upgrades;
  private final PlanReviews reviews;

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
    this.dataSource = dataSource;
    this.scripts = bundle.forDatabase(url.kind());
    this.settings = settings;
    this.ownedPool = ownedPool;
    this.guarded = new GuardedDataSource(dataSource, url, settings.limits());
    this.changes = new LockedChanges(url, dataSource, guarded, settings);
    this.flyways = new FlywayFactory(url.kind(), guarded, scripts, settings);
    this.reads = new HistoryReads(url, dataSource, bundle, scripts, settings);
    EngineParts parts =
        new EngineParts(url, dataSource, guarded, scripts, settings, reads, flyways);
    this.downgrades = new Downgrades(parts);
    this.upgrades = new Upgrades(parts);
    this.offline = new OfflinePlans(parts);
    this.edits = new HistoryEdits(parts);
    this.reviews = new PlanReviews(parts);
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

  /** Where the database stands against the bundle. Reads only. */
  public StatusReport status() {
    return guarded(() -> reads.statusOf(plain().info()));
  }

  /**
   * Every history row, oldest first, with Flyway's state for each, including the rows that record
   * undone versions. Reads only.
   */
  public List<HistoryEntry> history() {
    return guarded(() -> reads.historyOf(plain().info()));
  }

  /** Status and history from a single read of the history, for callers that need both. */
  public Inspection inspect() {
    return guarded(
        () -> {
          MigrationInfoService info = plain().info();
          return new Inspection(reads.statusOf(info), reads.historyOf(info));
        });
  }

  /**
   * What moving the database to {@code target} would do, from one read of the history: the scripts
   * in order, and the refusal the engine would give. Reads only.
   *
   * @param target a version of the bundle, "0" for before the first, or {@code null}, "head" or
   *     "latest" for the bundle's head
   * @throws EngineException when the target is not a version of the bundle
   */
  public MigrationPlan plan(String target) {
    return guarded(() -> plan(target, plain().info()));
  }

  private MigrationPlan plan(String target, MigrationInfoService info) {
    StatusReport status = reads.statusOf(info);
    Inspection seen = new Inspection(status, reads.historyOf(info));
    String to = "0".equals(target) ? "0" : resolveTarget(target);
    return Planner.plan(
        seen,
        to,
        ScriptSet.namesVersion(target),
        reads.view(info),
        settings,
        UnmanagedSchema.refusal(guarded, url, seen, settings));
  }

  /**
   * The history table's fingerprint from one query, or empty when it cannot be read (no table yet,
   * or the database is away: the full check that follows then reports why). Reads only.
   */
  public Optional<HistoryFingerprint> fingerprint() {
    return reads.fingerprint();
  }

  private String resolveTarget(String target) {
    return scripts.resolveTarget(target, settings.vocabulary());
  }

  /** Every script of the bundle and every history row, as {@code info} shows them. Reads only. */
  public List<HistoryEntry> info() {
    return guarded(() -> reads.view(plain().info()).all());
  }

  /**
   * Applies pending migrations up to {@code target}.
   *
   * @param target a version of the bundle, or {@code null}, "head" or "latest" for all
   */
  public UpgradeReport upgrade(String target, MigrationListener listener) {
    return locked(() -> upgrades.run(target, listener));
  }

  /**
   * Runs exactly {@code plan}, an upgrade this engine planned (or a part of one, {@link
   * MigrationPlan#upTo}): refused with {@link FailureKind#PLAN_STALE}, running nothing, when the
   * history or the bundle moved since it was planned.
   */
  public UpgradeReport applyUpgrade(MigrationPlan plan, MigrationListener listener) {
    return locked(() -> upgrades.run(plan, listener));
  }

  /**
   * Runs exactly {@code plan}, a downgrade this engine planned: refused with {@link
   * FailureKind#PLAN_STALE}, running nothing, when the history or the bundle moved since.
   */
  public DowngradeReport applyDowngrade(MigrationPlan plan, MigrationListener listener) {
    return locked(() -> downgrades.run(plan, listener));
  }

  /**
   * Reverts applied migrations newest first by running their {@code U} scripts. Refuses before
   * touching anything when one of the needed undo scripts is missing.
   */
  public DowngradeReport downgrade(DowngradeTarget target, MigrationListener listener) {
    return locked(() -> downgrades.run(target, listener));
  }

  /**
   * The SQL an upgrade to {@code target} would run, history statements included, as text for the
   * database kind at hand (the offline mode of Alembic). Reads only.
   *
   * @param target as for {@link #plan}
   */
  public String upgradeSql(String target) {
    return guarded(
        () -> {
          Flyway flyway = plain();
          MigrationInfoService info = flyway.info();
          return offline.upgrade(plan(target, info), info, flyway);
        });
  }

  /**
   * The lint's findings on the scripts an upgrade to {@code target} would run, in order (see {@link
   * io.schemagate.engine.lint.Linter}). Reads only.
   */
  public List<Finding> lint(String target) {
    return lintPlan(plan(target));
  }

  /** The lint's findings on the scripts of {@code plan}, a plan this engine made. Reads only. */
  public List<Finding> lintPlan(MigrationPlan plan) {
    // Splitting a script can fail as a migration would (an unresolved placeholder): classified too.
    return guarded(() -> reviews.findings(plan));
  }

  /**
   * The findings and contract steps of {@code plan}, a plan this engine made; empty for a plan that
   * does not go up. Reads only.
   */
  public PlanReview review(MigrationPlan plan) {
    return guarded(() -> reviews.review(plan));
  }

  /** The SQL a downgrade to {@code target} would run, history rows included. Reads only. */
  public String downgradeSql(DowngradeTarget target) {
    return guarded(() -> offline.downgrade(target));
  }

  /**
   * The plan of a downgrade to {@code target} (a version, or a number of steps), from one read of
   * the history: the undo scripts newest first, a missing one marked "(missing)", or the refusal
   * when the target cannot be reached. Reads only; {@link #applyDowngrade} runs exactly it.
   */
  public MigrationPlan downgradePlan(DowngradeTarget target) {
    return guarded(
        () -> {
          MigrationInfoService info = plain().info();
          String to;
          try {
            to = reads.view(info).versionAfter(target);
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
          return plan(to, info);
        });
  }

  /**
   * Records {@code version} as the applied version without running any script: a baseline on an
   * empty history, skipped migrations going up, removal rows going down.
   */
  public StampReport stamp(String version) {
    return locked(() -> edits.stamp(edits.stampPlan(resolveTarget(version))));
  }

  /**
   * What {@link #stamp(StampReport)} would record for {@code version}: the scripts it marks as
   * applied or as removed. Reads only.
   */
  public StampReport stampPlan(String version) {
    return guarded(() -> edits.stampPlan(resolveTarget(version)));
  }

  /**
   * Records the stamp {@code shown} (from {@link #stampPlan}); refused, changing nothing, when the
   * history moved since it was planned.
   */
  public StampReport stamp(StampReport shown) {
    return locked(() -> edits.stamp(shown));
  }

  /**
   * Flyway's baseline: records {@code version} (the {@code baselineVersion} setting when {@code
   * null}) on a history without migrations. Refused when the history already records migrations.
   */
  public StampReport baseline(String version) {
    return locked(() -> edits.baseline(version));
  }

  /**
   * Removes failed rows and realigns checksums with the bundle. Refuses when the bundle lacks an
   * applied script, since Flyway would then mark that migration as deleted.
   */
  public RepairReport repair() {
    return locked(edits::repair);
  }

  /** Compares the history with the bundle: edited, missing, failed and skipped scripts. */
  public ValidationReport validate() {
    return guarded(
        () -> {
          StatusReport status = reads.statusOf(plain().info());
          List<Drift> problems = new ArrayList<>(status.drift());
          for (HistoryEntry failed : status.failed()) {
            problems.add(
                new Drift(
                    failed.version(),
                    failed.script(),
                    "failed and left a failed row in the history; fix it, then "
                        + settings.vocabulary().repair()));
          }
          return new ValidationReport(problems.isEmpty(), List.copyOf(problems));
        });
  }

  /** Drops every object in the managed schemas. Refused unless the settings allow it. */
  public CleanReport clean() {
    if (!settings.allowClean()) {
      throw new EngineException(FailureKind.REFUSED, Refusals.cleanDisabled(url.redacted()));
    }
    return locked(
        () -> {
          CleanResult result = flyways.unmeasured(c -> c.cleanDisabled(false)).clean();
          List<String> cleaned = new ArrayList<>();
          if (result.schemasCleaned != null) {
            cleaned.addAll(result.schemasCleaned);
          }
          return new CleanReport(List.copyOf(cleaned));
        });
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
