package io.schemagate.engine;

import java.util.List;

/** What an upgrade did: the versions before and after, and each migration it ran. */
public record UpgradeReport(
    String fromVersion, String toVersion, List<AppliedMigration> applied, long millis) {}
