package io.schemagate.cli;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.MigrationListener;

/** Prints each migration as soon as it is done, with its time, so long runs show progress. */
final class ProgressPrinter implements MigrationListener {
  private final SchemagateCommand root;

  ProgressPrinter(SchemagateCommand root) {
    this.root = root;
  }

  static MigrationListener of(SchemagateCommand root) {
    return root.json() ? MigrationListener.NONE : new ProgressPrinter(root);
  }

  @Override
  public void applied(AppliedMigration migration) {
    root.println(String.format("  applied %s (%d ms)", migration.script(), migration.millis()));
  }

  @Override
  public void undone(AppliedMigration migration) {
    root.println(String.format("  undone  %s (%d ms)", migration.script(), migration.millis()));
  }
}
