package io.schemagate.engine.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.extensibility.MigrationType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.schemahistory.SchemaHistory;
import org.flywaydb.core.internal.util.AbbreviationUtils;

/** The history row of an applied or failed migration, with exactly Flyway's values. */
final class AppliedRows {
  private AppliedRows() {}

  /**
   * The history row Flyway's addAppliedMigration writes, with the rank counted from the one read at
   * the start: the run holds the lock, so nobody else writes between. On the script's connection,
   * so in its transaction where the database has one.
   */
  static void insert(
      Database<?> database,
      Table<?, ?> table,
      Connection jdbc,
      MigrationInfoImpl migration,
      int rank,
      int millis,
      boolean success) {
    MigrationType type = migration.getType();
    String description = AbbreviationUtils.abbreviateDescription(migration.getDescription());
    if (!database.supportsEmptyMigrationDescription() && "".equals(description)) {
      description = SchemaHistory.NO_DESCRIPTION_MARKER;
    }
    Integer checksum =
        success ? migration.getResolvedMigration().getChecksum() : migration.getChecksum();
    try (PreparedStatement row = jdbc.prepareStatement(database.getInsertStatement(table))) {
      row.setInt(1, rank);
      if (migration.getVersion() == null) {
        row.setNull(2, Types.VARCHAR);
      } else {
        row.setString(2, migration.getVersion().toString());
      }
      row.setString(3, description);
      row.setString(4, type.name());
      row.setString(5, AbbreviationUtils.abbreviateScript(migration.getScript()));
      if (checksum == null) {
        row.setNull(6, Types.INTEGER);
      } else {
        row.setInt(6, checksum);
      }
      row.setString(7, database.getInstalledBy());
      row.setInt(8, millis);
      row.setBoolean(9, success);
      row.executeUpdate();
      if (!database.supportsDdlTransactions() && !jdbc.getAutoCommit()) {
        // Without transactional DDL the next script's DDL would commit the row anyway; a
        // failure after it must not roll the row of a migration that ran back.
        jdbc.commit();
      }
    } catch (SQLException e) {
      throw new FlywaySqlException(
          "Unable to insert row for version '"
              + migration.getVersion()
              + "' in Schema History table "
              + table,
          e);
    }
  }
}
