package io.schemagate.engine.api;

/** Which way a plan moves the database. */
public enum Direction {
  /** Nothing to run: the database is at the target. */
  NONE,
  /** Pending migrations to apply, or changed repeatable scripts to run again. */
  UP,
  /** Applied migrations to revert with their undo scripts. */
  DOWN
}
