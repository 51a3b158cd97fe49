package io.schemagate.engine.api;

/** The kinds of script a bundle holds, by their Flyway name. */
public enum ScriptType {
  /** {@code V<version>__<description>.sql}: applied once, in version order. */
  VERSIONED,
  /** {@code U<version>__<description>.sql}: reverts the versioned script of the same version. */
  UNDO,
  /** {@code R__<description>.sql}: re-applied whenever its content changes. */
  REPEATABLE,
  /**
   * {@code B<version>__<description>.sql}: the whole schema at that version, applied instead of the
   * versioned scripts up to it on a database without history.
   */
  BASELINE,
  /** {@code afterMigrate.sql}, {@code beforeEachMigrate__x.sql}: run by Flyway at that event. */
  CALLBACK
}
