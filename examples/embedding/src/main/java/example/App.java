package example;

import io.schemagate.embed.DatabaseHealth;
import io.schemagate.embed.Schemagate;
import io.schemagate.engine.api.BundleException;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.StatusReport;
import java.nio.file.Path;

/** An application that migrates its database on start and reports its schema's health. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    try {
      start();
    } catch (EngineException | BundleException | IllegalArgumentException e) {
      // One line that says what is wrong and the fix; the engine's messages carry no secrets.
      System.err.println("cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void start() {
    // README:start
    Schemagate migrations =
        Schemagate.create(System.getenv("DATABASE_URL"), Path.of("migrations"))
            .withCredentials(System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"));

    // On start: upgrade to head unless AUTO_MIGRATE_ON_STARTUP is false (False, 0, ...).
    migrations.migrateOnStartup(System.getenv("AUTO_MIGRATE_ON_STARTUP"));

    // In a health endpoint: never throws for database problems.
    DatabaseHealth health = migrations.checkDatabaseHealth();
    if (!health.healthy()) {
      System.err.println("schema not ready: " + health.problem());
    }

    StatusReport status = migrations.status(); // applied version, pending, failed, drift
    String version = status.currentVersion(); // null before the first migration
    System.out.println("schema at version " + (version == null ? "(none)" : version));
    // README:end
  }
}
