package io.schemagate.api;

/** How risky a lint finding is, least first. */
public enum LintSeverity {
  Info,
  Warning,
  Error
}
