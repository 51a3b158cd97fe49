package io.schemagate.engine.api;

import java.util.List;

/** The result of {@code validate}: valid when the bundle and the history agree. */
public record ValidationReport(boolean valid, List<Drift> problems) {}
