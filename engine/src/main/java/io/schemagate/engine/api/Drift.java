package io.schemagate.engine.api;

/**
 * A difference between what the database recorded and what the bundle holds.
 *
 * @param script the script concerned
 * @param problem what differs, for people
 */
public record Drift(String version, String script, String problem) {}
