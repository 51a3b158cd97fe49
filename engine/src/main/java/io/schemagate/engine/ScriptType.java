package io.schemagate.engine;

/** The three kinds of migration script, by their Flyway name prefix. */
public enum ScriptType {
  /** {@code V<version>__<description>.sql}: applied once, in version order. */
  VERSIONED,
  /** {@code U<version>__<description>.sql}: reverts the versioned script of the same version. */
  UNDO,
  /** {@code R__<description>.sql}: re-applied whenever its content changes. */
  REPEATABLE
}
