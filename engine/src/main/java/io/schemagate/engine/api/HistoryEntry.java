package io.schemagate.engine.api;

import java.time.Instant;

/**
 * One row of the schema history as Flyway reads it.
 *
 * @param version {@code null} for repeatable migrations
 * @param type SQL, BASELINE, DELETE, ...
 * @param state Flyway's state: Success, Pending, Failed, Deleted, Undone, Missing, ...
 * @param installedOn {@code null} for migrations not applied
 * @param executionMillis {@code null} for migrations not applied
 */
public record HistoryEntry(
    Integer installedRank,
    String version,
    String description,
    String type,
    String script,
    Integer checksum,
    String installedBy,
    Instant installedOn,
    Integer executionMillis,
    String state,
    boolean applied) {}
