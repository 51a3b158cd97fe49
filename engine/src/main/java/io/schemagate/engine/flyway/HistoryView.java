package io.schemagate.engine.flyway;

import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.Drift;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Naming;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.Versions;
import io.schemagate.engine.api.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.pattern.ValidatePattern;

/**
 * One read of Flyway's view of the history ({@link MigrationInfoService}), translated into the
 * engine's records: where the database stands, its drift and failed rows, the current version, and
 * what a downgrade would revert.
 */
public final class HistoryView {
  /** Applied rows that an undo script can revert. */
  private static final Set<MigrationState> EFFECTIVELY_APPLIED =
      EnumSet.of(MigrationState.SUCCESS, MigrationState.OUT_OF_ORDER, MigrationState.BASELINE);

  /** Applied rows that count for the current version, also those the bundle does not know. */
  private static final Set<MigrationState> SUCCEEDED =
      EnumSet.of(
          MigrationState.SUCCESS,
          MigrationState.OUT_OF_ORDER,
          MigrationState.BASELINE,
          MigrationState.FUTURE_SUCCESS,
          MigrationState.MISSING_SUCCESS);

  /** Flyway's default {@code ignoreMigrationPatterns}. */
  public static final List<String> DEFAULT_IGNORED = List.of("*:future");

  private final MigrationInfoService info;
  private final ScriptSet scripts;
  private final Vocabulary vocabulary;
  private final Naming naming;
  private final DriftReading drifts;
  private final List<ValidatePattern> ignored;

  public HistoryView(MigrationInfoService info, ScriptSet scripts, Vocabulary vocabulary) {
    this(info, scripts, vocabulary, DEFAULT_IGNORED);
  }

  /**
   * @param ignoreMigrationPatterns Flyway's patterns of states that validation lets pass, such as
   *     {@code *:missing}
   */
  public HistoryView(
      MigrationInfoService info,
      ScriptSet scripts,
      Vocabulary vocabulary,
      List<String> ignoreMigrationPatterns) {
    this(info, scripts, vocabulary, ignoreMigrationPatterns, Naming.DEFAULT);
  }

  /**
   * @param naming how the bundle names its scripts, for the name a missing undo script must have
   */
  public HistoryView(
      MigrationInfoService info,
      ScriptSet scripts,
      Vocabulary vocabulary,
      List<String> ignoreMigrationPatterns,
      Naming naming) {
    this.naming = naming;
    this.drifts = new DriftReading(vocabulary);
    this.info = info;
    this.scripts = scripts;
    this.vocabulary = vocabulary;
    this.ignored = ignoreMigrationPatterns.stream().map(ValidatePattern::fromPattern).toList();
  }

  /** True when {@code ignoreMigrationPatterns} lets this migration's state pass validation. */
  public boolean isIgnored(MigrationInfo migration) {
    return ignored.stream()
        .anyMatch(p -> p.matchesMigration(migration.isVersioned(), migration.getState()));
  }

  /** Every row and script as Flyway shows them. */
  public List<HistoryEntry> all() {
    return Arrays.stream(info.all()).map(HistoryView::entry).toList();
  }

  /** The rows of the history table, oldest first. */
  public List<HistoryEntry> appliedRows() {
    return Arrays.stream(info.all())
        .filter(i -> i.getInstalledRank() != null)
        .map(HistoryView::entry)
        .toList();
  }

  /**
   * The pending baseline scripts ({@code B5__x.sql}): on a database without history Flyway applies
   * the latest one even above a target, then the versions above it up to the target.
   */
  public java.util.Set<String> pendingBaselines() {
    return Arrays.stream(info.all())
        .filter(i -> i.getState() == MigrationState.PENDING)
        .filter(i -> i.getType() != null && i.getType().isBaseline())
        .map(MigrationInfo::getScript)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** True when the history table has no row. */
  public boolean empty() {
    return Arrays.stream(info.all()).allMatch(i -> i.getInstalledRank() == null);
  }

  /**
   * Where the database stands against the bundle.
   *
   * @param database the target, password masked
   * @param schema the schema of the history table
   * @param table the history table
   * @param digest the bundle's digest
   */
  public StatusReport status(String database, String schema, String table, String digest) {
    List<PendingMigration> pending = new ArrayList<>();
    List<HistoryEntry> failed = new ArrayList<>();
    List<Drift> drift = new ArrayList<>();
    int applied = 0;
    for (MigrationInfo migration : info.all()) {
      MigrationState state = migration.getState();
      String version = migration.getVersion() == null ? null : migration.getVersion().getVersion();
      // An edited repeatable shows twice: its old row as OUTDATED and the new script as PENDING.
      if (state == MigrationState.PENDING) {
        pending.add(
            new PendingMigration(version, migration.getDescription(), migration.getScript()));
      } else if (state.isFailed()) {
        failed.add(entry(migration));
      } else if (!isIgnored(migration)) {
        // ignoreMigrationPatterns lets a state pass, as in Flyway's validation.
        drifts.of(migration).ifPresent(drift::add);
      }
      if (migration.isVersioned()
          && migration.getInstalledRank() != null
          && EFFECTIVELY_APPLIED.contains(state)) {
        applied++;
      }
    }
    return new StatusReport(
        database,
        schema,
        table,
        currentVersion(),
        scripts.latestVersion().orElse(null),
        applied,
        List.copyOf(pending),
        List.copyOf(failed),
        List.copyOf(drift),
        digest);
  }

  /**
   * The highest successfully applied version. Flyway's own {@code current()} also counts a failed
   * row, which would report a version that is not in place.
   */
  public String currentVersion() {
    return Arrays.stream(info.all())
        .filter(MigrationInfo::isVersioned)
        .filter(i -> i.getInstalledRank() != null && SUCCEEDED.contains(i.getState()))
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse(null);
  }

  public static HistoryEntry entry(MigrationInfo info) {
    return new HistoryEntry(
        info.getInstalledRank(),
        info.getVersion() == null ? null : info.getVersion().getVersion(),
        info.getDescription(),
        info.getType() == null ? null : info.getType().name(),
        info.getScript(),
        info.getChecksum(),
        info.getInstalledBy(),
        info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
        info.getExecutionTime(),
        info.getState().getDisplayName(),
        info.getInstalledRank() != null);
  }

  /**
   * The applied migrations a downgrade to {@code target} reverts, newest first.
   *
   * @throws EngineException when the database has migrations the bundle lacks, the target is not a
   *     version of the bundle, or the downgrade would cross a baseline
   */
  public List<MigrationInfo> toUndo(DowngradeTarget target) {
    List<MigrationInfo> applied =
        Arrays.stream(info.all())
            .filter(MigrationInfo::isVersioned)
            .filter(i -> i.getInstalledRank() != null)
            .filter(i -> EFFECTIVELY_APPLIED.contains(i.getState()))
            .sorted(Comparator.comparing(MigrationInfo::getVersion).reversed())
            .toList();
    List<String> unknown =
        Arrays.stream(info.all())
            .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS)
            .map(MigrationInfo::getScript)
            .toList();
    if (!unknown.isEmpty()) {
      throw new EngineException(FailureKind.REFUSED, Refusals.newerThanBundle(unknown));
    }
    List<MigrationInfo> chosen;
    if (target.version() == null) {
      if (target.steps() > applied.size()) {
        throw new EngineException(
            FailureKind.REFUSED, Refusals.tooManySteps(target.steps(), applied.size()));
      }
      chosen = applied.subList(0, target.steps());
    } else {
      String version = target.version();
      boolean known =
          version.equals("0")
              || scripts.versioned(version).isPresent()
              || applied.stream()
                  .anyMatch(i -> Versions.compare(i.getVersion().getVersion(), version) == 0);
      if (!known) {
        throw scripts.notInBundle(version, vocabulary);
      }
      chosen =
          applied.stream()
              .filter(i -> Versions.compare(i.getVersion().getVersion(), version) > 0)
              .toList();
    }
    for (MigrationInfo migration : chosen) {
      if (migration.getState() == MigrationState.BASELINE) {
        throw new EngineException(
            FailureKind.REFUSED, Refusals.belowBaseline(migration.getVersion().getVersion()));
      }
    }
    return chosen;
  }

  /**
   * The version a downgrade to {@code target} leaves applied: the target's own, or for a number of
   * steps the applied version below the last one they revert ("0" when they revert all).
   *
   * @throws EngineException as {@link #toUndo} does
   */
  public String versionAfter(DowngradeTarget target) {
    List<MigrationInfo> undone = toUndo(target);
    if (target.version() != null) {
      return target.version();
    }
    if (undone.isEmpty()) {
      return currentVersion();
    }
    MigrationVersion oldest = undone.get(undone.size() - 1).getVersion();
    return Arrays.stream(info.all())
        .filter(MigrationInfo::isVersioned)
        .filter(i -> i.getInstalledRank() != null)
        .filter(i -> EFFECTIVELY_APPLIED.contains(i.getState()))
        .map(MigrationInfo::getVersion)
        .filter(v -> v.compareTo(oldest) < 0)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse("0");
  }

  /** The undo scripts that revert {@code toUndo}; a missing one is named and marked "(missing)". */
  public List<String> undoNames(List<MigrationInfo> toUndo) {
    return toUndo.stream()
        .map(
            migration ->
                scripts
                    .undoFor(migration.getVersion().getVersion())
                    .map(Script::name)
                    .orElse(expectedUndoName(migration) + " (missing)"))
        .toList();
  }

  /**
   * The name the undo script of {@code migration} must have in this bundle: its script's name with
   * the undo prefix ({@code V1_2__x.sql} needs {@code U1_2__x.sql}, {@code M1__x.ddl} with {@code
   * undoSqlMigrationPrefix=N} needs {@code N1__x.ddl}).
   */
  public String expectedUndoName(MigrationInfo migration) {
    String script = migration.getScript();
    if (script != null && script.startsWith(naming.versionedPrefix())) {
      return naming.undoPrefix() + script.substring(naming.versionedPrefix().length());
    }
    return naming.undoPrefix()
        + migration.getVersion().getVersion()
        + naming.separator()
        + migration.getDescription().replace(' ', '_')
        + naming.suffixes().get(0);
  }
}
