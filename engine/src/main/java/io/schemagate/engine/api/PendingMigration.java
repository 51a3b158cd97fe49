package io.schemagate.engine.api;

/** A script the next upgrade will run. */
public record PendingMigration(String version, String description, String script) {}
