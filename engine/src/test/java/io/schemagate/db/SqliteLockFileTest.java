package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Bundles;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SQLite's lock file exists only while a change holds it, and the hand-over stays exclusive. */
class SqliteLockFileTest {
  @Test
  void noLockFileIsLeftNextToTheDatabase() {
    TestDatabase db = Databases.sqlite();
    Path database = db.parsed().sqliteFile().orElseThrow();
    try (MigrationEngine engine =
        MigrationEngine.open(
            db.parsed(),
            Bundles.of("V1__a.sql", "CREATE TABLE a (id INT);"),
            EngineSettings.defaults(),
            ConnectionSettings.DEFAULT)) {
      engine.upgrade(null, MigrationListener.NONE);
      engine.maintenance().stamp(engine.maintenance().stampPlan("1"));
    }
    assertThat(database).exists();
    assertThat(MigrationLock.lockFile(database)).doesNotExist();
  }

  @Test
  void aWaiterTakesOverTheLockAndLeavesNoFileEither() throws Exception {
    TestDatabase db = Databases.sqlite();
    db.parsed().prepare();
    Path lockFile = MigrationLock.lockFile(db.parsed().sqliteFile().orElseThrow());
    MigrationLock first =
        MigrationLock.acquire(db.parsed(), null, "history", Duration.ofSeconds(30));
    assertThat(lockFile).exists();
    // Another thread of this process waits in the process-wide lock; the file lock it then takes
    // is the one the name holds after the first holder removed its file.
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(
            () -> {
              try (MigrationLock lock =
                  MigrationLock.acquire(db.parsed(), null, "history", Duration.ofSeconds(30))) {
                return Files.exists(lockFile);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    first.close();
    assertThat(second.get(60, TimeUnit.SECONDS)).as("held by the second").isTrue();
    assertThat(lockFile).doesNotExist();
  }
}
