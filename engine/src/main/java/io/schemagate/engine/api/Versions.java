package io.schemagate.engine.api;

import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Versions as people write them ({@code 3}, {@code V3}, {@code 1_2}, {@code 1.10}), in Flyway's
 * order.
 */
public final class Versions {
  private static final Pattern VERSION = Pattern.compile("\\d+(?:[._]\\d+)*");

  private Versions() {}

  /** The version in Flyway's dotted form ({@code V1_2} gives {@code 1.2}), or empty if not one. */
  public static Optional<String> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String version = text.strip();
    if (version.startsWith("V") || version.startsWith("v")) {
      version = version.substring(1);
    }
    return VERSION.matcher(version).matches()
        ? Optional.of(version.replace('_', '.'))
        : Optional.empty();
  }

  /** Compares in Flyway's order, where 1.10 is above 1.9 and 1 equals 1.0. */
  public static int compare(String a, String b) {
    return MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b));
  }
}
