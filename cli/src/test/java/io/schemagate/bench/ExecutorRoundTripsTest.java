package io.schemagate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round trips each executor makes per migration on PostgreSQL, counted at the wire: the cost of
 * a bundle of 110 one-statement migrations less the cost of a bundle of its first 10, over the 100
 * between, so what every run pays once (connecting, reading the history, the lock) drops out. A
 * count, not a time: the same code sends the same messages on any machine.
 */
class ExecutorRoundTripsTest {
  private static BenchDatabase db;
  private static RoundTripCounter wire;

  @BeforeAll
  static void start() throws Exception {
    db = BenchDatabase.start();
    wire = new RoundTripCounter("127.0.0.1", db.port());
  }

  @AfterAll
  static void stop() throws Exception {
    wire.close();
    db.close();
  }

  @Test
  void schemagatesExecutorMakesAtMostThreeRoundTripsPerMigrationAndTwoWithGroup() throws Exception {
    double own = perMigration(BigBundleSuite.OWN);
    double grouped = perMigration(BigBundleSuite.OWN_GROUP);
    double flyway = perMigration(BigBundleSuite.FLYWAY);
    System.out.printf(
        "round trips per migration: schemagate %.2f, with group %.2f, Flyway's executor %.2f%n",
        own, grouped, flyway);
    assertThat(own).isLessThanOrEqualTo(3.0);
    assertThat(grouped).isLessThanOrEqualTo(2.0);
    assertThat(flyway).isGreaterThan(own * 3);
  }

  private static double perMigration(BigBundleSuite.Executor executor) throws Exception {
    return (trips(110, executor) - trips(10, executor)) / 100.0;
  }

  private static long trips(int count, BigBundleSuite.Executor executor) throws Exception {
    Map<String, String> scripts = Workloads.oneStatement(count);
    String database = db.fresh(null);
    try {
      long before = wire.trips();
      BigBundleSuite.schemagateAt(db.schemagateUrl(database, wire.port()), scripts, executor);
      return wire.trips() - before;
    } finally {
      db.drop(database);
    }
  }
}
