package io.schemagate.testing;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of the processes tests start (the CLI, the operator, Flyway's command line): the
 * build's {@code test.jvm.options}, passed in as the system property {@code
 * schemagate.child.jvm.options}, so a child starts on as little CPU as the test JVM itself. A
 * benchmark run by {@code bench/run} has no such property, and its children run as in production.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static List<String> options() {
    String options = System.getProperty("schemagate.child.jvm.options", "").strip();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  /**
   * Removes from a child's environment every setting of schemagate, Flyway or the seed's migrate.sh
   * that the test's own environment may carry, so a child sees only what its test gives it.
   */
  public static void clearSettings(java.util.Map<String, String> environment) {
    environment
        .keySet()
        .removeIf(
            k ->
                k.startsWith("DATABASE_")
                    || k.startsWith("FLYWAY_")
                    || k.startsWith("SCHEMAGATE_")
                    || k.equals("MIGRATIONS_DIR")
                    || k.equals("AUTO_MIGRATE_ON_STARTUP"));
  }
}
