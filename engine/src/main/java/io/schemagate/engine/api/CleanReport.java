package io.schemagate.engine.api;

import java.util.List;

/** The schemas a clean emptied. */
public record CleanReport(List<String> schemasCleaned) {}
