/**
 * Internal, not API: the engine's seam to Flyway. Only this package uses Flyway's internal classes
 * ({@code org.flywaydb.core.internal}: the SQL parser for undo scripts, the statement type of a
 * failed script) or writes rows of the schema history table by hand (undo records, failed rows),
 * and it classifies Flyway's failures by their error codes. Upgrading Flyway means reading this
 * package; {@code FlywaySeamTest} keeps everything else out of it.
 */
package io.schemagate.engine.flyway;
