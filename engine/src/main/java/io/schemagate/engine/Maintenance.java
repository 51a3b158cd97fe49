package io.schemagate.engine;

import io.schemagate.engine.api.CleanReport;
import io.schemagate.engine.api.Drift;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.RepairReport;
import io.schemagate.engine.api.StampReport;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.api.output.CleanResult;

/**
 * The commands that look after one database's history rather than move it along the bundle:
 * Flyway's validate, repair, baseline and clean, and the stamp. Every change holds the engine's
 * migration lock; a stamp that goes back is shown ({@link #stampPlan}) before it is recorded.
 */
public final class Maintenance {
  private final EngineParts parts;
  private final LockedChanges changes;
  private final HistoryEdits edits;

  Maintenance(EngineParts parts, LockedChanges changes) {
    this.parts = parts;
    this.changes = changes;
    this.edits = new HistoryEdits(parts);
  }

  /** Compares the history with the bundle: edited, missing, failed and skipped scripts. */
  public ValidationReport validate() {
    return changes.read(
        () -> {
          StatusReport status = parts.reads().statusOf(parts.flyways().plain().info());
          List<Drift> problems = new ArrayList<>(status.drift());
          for (HistoryEntry failed : status.failed()) {
            problems.add(
                new Drift(
                    failed.version(),
                    failed.script(),
                    "failed and left a failed row in the history; fix it, then "
                        + parts.settings().vocabulary().repair()));
          }
          return new ValidationReport(problems.isEmpty(), List.copyOf(problems));
        });
  }

  /**
   * Removes failed rows and realigns checksums with the bundle. Refuses when the bundle lacks an
   * applied script, since Flyway would then mark that migration as deleted.
   */
  public RepairReport repair() {
    return locked(edits::repair);
  }

  /**
   * What {@link #stamp} would record for {@code version} (a version of the bundle, "head" or "0"):
   * the scripts it marks as applied or as removed. Reads only.
   */
  public StampReport stampPlan(String version) {
    return changes.read(
        () ->
            edits.stampPlan(parts.scripts().resolveTarget(version, parts.settings().vocabulary())));
  }

  /**
   * Records the stamp {@code shown} (from {@link #stampPlan}) without running any script; refused,
   * changing nothing, when the history moved since it was planned.
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

  /** Drops every object in the managed schemas. Refused unless the settings allow it. */
  public CleanReport clean() {
    if (!parts.settings().allowClean()) {
      throw new EngineException(
          FailureKind.REFUSED, Refusals.cleanDisabled(parts.url().redacted()));
    }
    return locked(
        () -> {
          CleanResult result = parts.flyways().unmeasured(c -> c.cleanDisabled(false)).clean();
          List<String> cleaned = new ArrayList<>();
          if (result.schemasCleaned != null) {
            cleaned.addAll(result.schemasCleaned);
          }
          return new CleanReport(List.copyOf(cleaned));
        });
  }

  private <T> T locked(Supplier<T> work) {
    return changes.run(work);
  }
}
