package io.schemagate.engine;

/** A script the next upgrade will run. */
public record PendingMigration(String version, String description, String script) {}
