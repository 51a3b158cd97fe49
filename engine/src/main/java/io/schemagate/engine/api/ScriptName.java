package io.schemagate.engine.api;

/**
 * The parts of a Flyway script name: {@code V1_2__add_users.sql} is versioned, version 1.2,
 * description "add users".
 *
 * @param version dotted version, {@code null} for repeatable scripts and callbacks
 * @see Naming#parse
 */
public record ScriptName(ScriptType type, String version, String description) {}
