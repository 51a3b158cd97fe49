package io.schemagate.engine.api;

/** Hears about each script as it runs, so long runs can show progress. */
public interface MigrationListener {
  MigrationListener NONE = new MigrationListener() {};

  /** A versioned or repeatable script is about to run. */
  default void starting(String script) {}

  /** A script finished. */
  default void applied(AppliedMigration migration) {}

  /** An undo script finished and its version is recorded as undone. */
  default void undone(AppliedMigration migration) {}
}
