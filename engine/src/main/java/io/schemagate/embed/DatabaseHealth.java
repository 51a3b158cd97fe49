package io.schemagate.embed;

import io.schemagate.engine.api.PendingMigration;
import java.util.List;

/**
 * What a health endpoint reports: healthy when the database is reachable, at the bundle's head, and
 * its history agrees with the bundle.
 *
 * @param problem why it is not healthy, or {@code null}
 */
public record DatabaseHealth(
    boolean healthy, String currentVersion, List<PendingMigration> pending, String problem) {}
