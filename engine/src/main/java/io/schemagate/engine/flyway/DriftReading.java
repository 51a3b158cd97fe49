package io.schemagate.engine.flyway;

import io.schemagate.engine.api.Drift;
import io.schemagate.engine.api.Vocabulary;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.util.AbbreviationUtils;

/**
 * How an applied or skipped migration differs from its script, by Flyway's validation rules, in
 * words that name the remedy in the adapter's {@link Vocabulary}.
 */
final class DriftReading {
  private final Vocabulary vocabulary;

  DriftReading(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** How an applied or skipped migration differs from its script, by Flyway's rules, if it does. */
  Optional<Drift> of(MigrationInfo migration) {
    MigrationState state = migration.getState();
    String version = migration.getVersion() == null ? null : migration.getVersion().getVersion();
    if (state == MigrationState.MISSING_SUCCESS) {
      return Optional.of(new Drift(version, migration.getScript(), missing(migration)));
    } else if (state == MigrationState.FUTURE_SUCCESS) {
      // Reached only when ignoreMigrationPatterns leaves *:future out, as Flyway's validation.
      return Optional.of(
          new Drift(
              version,
              migration.getScript(),
              "is applied but newer than this bundle (an older release against a newer schema),"
                  + " and ignoreMigrationPatterns does not include *:future, Flyway's default that"
                  + " accepts it; add *:future to run the older release, or downgrade with the"
                  + " bundle that applied it"));
    } else if (state == MigrationState.IGNORED
        && !(migration.getType() != null && migration.getType().isBaseline())) {
      // A baseline script is for a fresh database only: on one with history Flyway ignores it
      // and runs the V scripts after the applied version, and so does its validation.
      return Optional.of(
          new Drift(
              version,
              migration.getScript(),
              "is below the applied version and not applied; apply it with "
                  + vocabulary.outOfOrder()
                  + " if it comes from a merged branch"));
    } else if (migration.isVersioned()
        && migration.getInstalledRank() != null
        && state.isResolved()
        && (state == MigrationState.SUCCESS || state == MigrationState.OUT_OF_ORDER)
        && !migration.isChecksumMatching()) {
      return Optional.of(
          new Drift(
              version,
              migration.getScript(),
              "changed since it was applied (checksum "
                  + migration.getAppliedChecksum()
                  + " in the history, "
                  + migration.getResolvedChecksum()
                  + " in the bundle); restore it, or "
                  + vocabulary.repair()
                  + " to accept the edit"));
    }
    return Optional.ofNullable(renamed(migration))
        .map(why -> new Drift(version, migration.getScript(), why));
  }

  /**
   * Why an applied versioned migration no longer matches its script by Flyway's other rules (a
   * changed description or type), or null. Flyway's {@code MigrationInfo} does not expose the
   * applied and the resolved description apart, so its two halves are compared here as its own
   * validation compares them.
   */
  private String renamed(MigrationInfo migration) {
    if (!(migration instanceof MigrationInfoImpl info)
        || info.getResolvedMigration() == null
        || info.getAppliedMigration() == null
        || info.getAppliedMigration().getType().isSynthetic()
        || info.getVersion() == null
        || migration.getState().isFailed()) {
      return null;
    }
    String resolved =
        AbbreviationUtils.abbreviateDescription(info.getResolvedMigration().getDescription());
    String applied = info.getAppliedMigration().getDescription();
    if (!resolved.equals(applied)) {
      return "was applied as '"
          + applied
          + "' and is named '"
          + resolved
          + "' in the bundle (Flyway's validation refuses a changed description); restore the"
          + " name, or "
          + vocabulary.repair()
          + " to accept it";
    }
    String resolvedType = info.getResolvedMigration().getType().name();
    String appliedType = info.getAppliedMigration().getType().name();
    if (!resolvedType.equals(appliedType)) {
      return "was applied as a "
          + appliedType
          + " migration and is a "
          + resolvedType
          + " one in the bundle; restore the script as it was applied";
    }
    return null;
  }

  /** Why a missing applied migration is drift, naming Java migrations as such. */
  private String missing(MigrationInfo migration) {
    String type = migration.getType() == null ? "" : migration.getType().name();
    String ignore =
        "add *:missing to ignoreMigrationPatterns (in flyway.conf, or "
            + vocabulary.flywaySetting("ignoreMigrationPatterns")
            + ")";
    if (type.contains("JDBC") || type.equals("JAVA")) {
      return "is a Java migration ("
          + type
          + ", version "
          + migration.getVersion()
          + " '"
          + migration.getDescription()
          + "') that an application applied; schemagate runs SQL scripts only, so the bundle"
          + " cannot hold it: "
          + ignore
          + " to let such rows pass";
    }
    return "is applied but missing from the bundle; restore it, or if it was deleted on purpose, "
        + ignore;
  }
}
