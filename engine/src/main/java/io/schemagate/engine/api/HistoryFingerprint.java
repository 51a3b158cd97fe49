package io.schemagate.engine.api;

/**
 * A summary of the history table read in one query, which changes whenever Flyway, schemagate or
 * anyone else adds, removes or rewrites a row (apply, undo, repair, a failed run, a dropped table).
 * A caller that remembers the fingerprint of a history it has fully checked can skip the full check
 * while the fingerprint stays the same: reading and resolving a long history with Flyway costs
 * hundreds of milliseconds, this costs one round trip.
 *
 * @param rows rows in the table
 * @param maxRank the highest installed rank
 * @param checksums the sum of all checksums (repair rewrites them)
 * @param succeeded rows marked successful (a failed run adds one that is not)
 * @param textLength the summed length of every description and script name (repair rewrites them)
 */
public record HistoryFingerprint(
    long rows, long maxRank, long checksums, long succeeded, long textLength) {}
