package io.schemagate.engine;

import java.util.List;

/** What a downgrade did: the versions before and after, and each undo script it ran. */
public record DowngradeReport(
    String fromVersion, String toVersion, List<AppliedMigration> undone, long millis) {}
