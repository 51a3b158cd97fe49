package io.schemagate.engine.api;

import java.util.List;

/**
 * What a repair changed in the history.
 *
 * @param removedFailed failed rows removed
 * @param realigned applied rows whose checksum or description now matches the bundle
 */
public record RepairReport(List<String> removedFailed, List<String> realigned) {}
