package io.schemagate.engine.api;

/** A script that an upgrade or a downgrade ran, with how long it took. */
public record AppliedMigration(String version, String description, String script, long millis) {}
