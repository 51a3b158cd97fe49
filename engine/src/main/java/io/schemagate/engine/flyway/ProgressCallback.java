package io.schemagate.engine.flyway;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.MigrationListener;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Times each migration Flyway runs and tells the listener as soon as it is done. */
public final class ProgressCallback implements Callback {
  private final MigrationListener listener;
  private final List<AppliedMigration> applied = new ArrayList<>();
  private long started;

  public ProgressCallback(MigrationListener listener) {
    this.listener = listener;
  }

  public List<AppliedMigration> applied() {
    return applied;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    MigrationInfo info = context.getMigrationInfo();
    if (info == null) {
      return;
    }
    if (event == Event.BEFORE_EACH_MIGRATE) {
      started = System.nanoTime();
      listener.starting(info.getScript());
    } else {
      long millis = (System.nanoTime() - started) / 1_000_000;
      String version = info.getVersion() == null ? null : info.getVersion().getVersion();
      AppliedMigration migration =
          new AppliedMigration(version, info.getDescription(), info.getScript(), millis);
      applied.add(migration);
      listener.applied(migration);
    }
  }

  @Override
  public String getCallbackName() {
    return "schemagate-progress";
  }
}
