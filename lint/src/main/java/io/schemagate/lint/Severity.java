package io.schemagate.lint;

/** How risky a finding is, least first; {@code check --fail-on} and policies compare them. */
public enum Severity {
  INFO,
  WARNING,
  ERROR
}
