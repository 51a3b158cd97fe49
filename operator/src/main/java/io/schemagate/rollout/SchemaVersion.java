package io.schemagate.rollout;

import io.schemagate.engine.api.Versions;
import java.util.Optional;

/**
 * The one version grammar of a rollout: what a pod's {@code schemagate.io/requires-version}, a
 * resource's {@code spec.target} and {@code wait --version} accept. {@code V7}, {@code 7}, {@code
 * 1.20.0} and {@code 1_20_0} are versions, compared in Flyway's order (1.10 above 1.9, 1 equal to
 * 1.0). The engine reads versions the same way; this is its pure value part, without a database.
 */
public final class SchemaVersion {
  private SchemaVersion() {}

  /** The version in Flyway's dotted form ({@code V1_20_0} gives {@code 1.20.0}), if it is one. */
  public static Optional<String> parse(String text) {
    return Versions.parse(text);
  }

  /** Compares two versions in dotted form in Flyway's order. */
  public static int compare(String a, String b) {
    return Versions.compare(a, b);
  }
}
