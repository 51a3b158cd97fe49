package io.schemagate.engine;

/**
 * {@link FlywayDifferentialTest} with Flyway's own executor ({@code executor = flyway}), the
 * fallback kept for one release: every corpus case, on every database, against Flyway's own API.
 */
class FlywayExecutorDifferentialTest extends FlywayDifferentialTest {
  @Override
  String executor() {
    return "flyway";
  }
}
