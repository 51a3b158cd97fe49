package io.schemagate.engine;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.GuardedDataSource;
import io.schemagate.engine.flyway.FlywayFactory;

/**
 * What the parts of one {@link MigrationEngine} share: the database, its guarded connections, the
 * scripts for its kind, the settings, the history reads and the Flyway instances.
 */
record EngineParts(
    DatabaseUrl url,
    GuardedDataSource guarded,
    ScriptSet scripts,
    EngineSettings settings,
    HistoryReads reads,
    FlywayFactory flyways) {}
