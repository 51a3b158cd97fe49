package io.schemagate.engine.api;

import java.util.List;

/** Where a database stands and its whole history, read in one go. */
public record Inspection(StatusReport status, List<HistoryEntry> history) {}
