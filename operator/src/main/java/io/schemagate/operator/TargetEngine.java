package io.schemagate.operator;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.CleanReport;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.HistoryFingerprint;
import io.schemagate.engine.api.Inspection;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.engine.api.RepairReport;
import io.schemagate.engine.api.RunReport;
import io.schemagate.lint.PlanReview;
import io.schemagate.lint.PlanReviews;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile asks of the engine of one database: the seam between the reconcile's logic and
 * the databases, so that the logic is tested by synchronous reconciles with an engine the test
 * chooses. {@link MigrationEngine} is the one in production ({@link #of}).
 */
interface TargetEngine extends AutoCloseable {
  /** See {@link MigrationEngine#fingerprint}. */
  Optional<HistoryFingerprint> fingerprint();

  /** See {@link MigrationEngine#plan(String)}. */
  MigrationPlan plan(String target);

  /** See {@link PlanReviews#review}. */
  PlanReview review(MigrationPlan plan);

  /** See {@link MigrationEngine#sql}. */
  String sql(MigrationPlan plan);

  /** See {@link MigrationEngine#apply}. */
  RunReport apply(MigrationPlan plan, MigrationListener listener);

  /** See {@link MigrationEngine#inspect}. */
  Inspection inspect();

  /** See {@link io.schemagate.engine.Maintenance#clean}. */
  CleanReport clean();

  /** See {@link io.schemagate.engine.Maintenance#repair}. */
  RepairReport repair();

  /** See {@link MigrationEngine#cancel}. */
  void cancel(String why);

  /** Gives back the database's connections. */
  @Override
  void close();

  /** See {@link io.schemagate.engine.QueryRows#firstColumn}. */
  List<String> firstColumn(String query, int limit);

  /** Opens the engine of one database for one reconcile. */
  @FunctionalInterface
  interface Opener {
    /**
     * @param key the resource, namespace/name, whose reconcile uses the engine
     */
    TargetEngine open(String key, DatabaseUrl url, Bundle bundle, EngineSettings settings);
  }

  /** The production opener: a {@link MigrationEngine} over the database's shared pool. */
  static Opener of(SharedPools pools) {
    return (key, url, bundle, settings) -> {
      MigrationEngine engine;
      try {
        engine = new MigrationEngine(url, pools.acquire(key, url), bundle, settings);
      } catch (RuntimeException e) {
        pools.finished(url);
        throw e;
      }
      return over(engine, () -> pools.finished(url));
    };
  }

  /** {@code engine} as the seam shows it; {@link #close} runs {@code onClose}. */
  static TargetEngine over(MigrationEngine engine, Runnable onClose) {
    return new TargetEngine() {
      @Override
      public Optional<HistoryFingerprint> fingerprint() {
        return engine.fingerprint();
      }

      @Override
      public MigrationPlan plan(String target) {
        return engine.plan(target);
      }

      @Override
      public PlanReview review(MigrationPlan plan) {
        return PlanReviews.review(engine, plan);
      }

      @Override
      public String sql(MigrationPlan plan) {
        return engine.sql(plan);
      }

      @Override
      public RunReport apply(MigrationPlan plan, MigrationListener listener) {
        return engine.apply(plan, listener);
      }

      @Override
      public Inspection inspect() {
        return engine.inspect();
      }

      @Override
      public CleanReport clean() {
        return engine.maintenance().clean();
      }

      @Override
      public RepairReport repair() {
        return engine.maintenance().repair();
      }

      @Override
      public List<String> firstColumn(String query, int limit) {
        return io.schemagate.engine.QueryRows.firstColumn(engine, query, limit);
      }

      @Override
      public void cancel(String why) {
        engine.cancel(why);
      }

      @Override
      public void close() {
        onClose.run();
      }
    };
  }
}
