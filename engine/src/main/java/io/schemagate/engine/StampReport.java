package io.schemagate.engine;

/** A stamp: the history now says {@code toVersion} without any script having run. */
public record StampReport(String fromVersion, String toVersion) {}
