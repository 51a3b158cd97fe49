package io.schemagate.engine.api;

import io.schemagate.db.DatabaseUrl;
import javax.sql.DataSource;

/**
 * What a read through {@link io.schemagate.engine.MigrationEngine#read} may use: the database (its
 * connections under the engine's deadline), the scripts for its kind and the engine's settings.
 */
public record ReadContext(
    DatabaseUrl url, DataSource dataSource, ScriptSet scripts, EngineSettings settings) {}
