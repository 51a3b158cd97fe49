package io.schemagate.engine;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.flyway.FlywayFactory;
import javax.sql.DataSource;

/**
 * What the parts of one {@link MigrationEngine} share: the database, its pool and guarded
 * connections (the pool's own for what must not count as the run's: locks, clean-up after a
 * failure), the scripts for its kind, the settings, the history reads and the Flyway instances.
 */
record EngineParts(
    DatabaseUrl url,
    DataSource dataSource,
    GuardedDataSource guarded,
    ScriptSet scripts,
    EngineSettings settings,
    HistoryReads reads,
    FlywayFactory flyways) {}
