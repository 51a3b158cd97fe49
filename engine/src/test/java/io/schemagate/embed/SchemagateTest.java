package io.schemagate.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.engine.api.AppliedMigration;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.RunReport;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade an application embeds, on a real PostgreSQL and on H2. */
class SchemagateTest {
  @TempDir Path dir;

  private Path copyOfExampleBundle() throws Exception {
    Path target = dir.resolve("migrations");
    Path source = Databases.exampleMigrations();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  @Test
  void migratesOnStartupAndReportsHealth() throws Exception {
    TestDatabase db = Databases.postgres();
    Schemagate migrations = Schemagate.create(db.url(), copyOfExampleBundle());

    DatabaseHealth before = migrations.checkDatabaseHealth();
    assertThat(before.healthy()).isFalse();
    assertThat(before.problem()).isEqualTo("6 migrations pending");
    assertThat(before.pending()).extracting(PendingMigration::version).contains("1", "6");

    assertThat(migrations.migrateOnStartup(false)).isEmpty();
    assertThat(migrations.status().currentVersion()).isNull();

    Optional<RunReport> applied = migrations.migrateOnStartup(true);
    assertThat(applied).get().extracting(RunReport::toVersion).isEqualTo("6");
    assertThat(applied.get().ran()).extracting(AppliedMigration::version).hasSize(6);

    DatabaseHealth after = migrations.checkDatabaseHealth();
    assertThat(after.healthy()).isTrue();
    assertThat(after.currentVersion()).isEqualTo("6");
    assertThat(after.problem()).isNull();
    assertThat(db.tables()).contains("users", "messages");
  }

  @Test
  void createsTheNextMigrationAndUpgradesToHead() throws Exception {
    Path bundle = copyOfExampleBundle();
    TestDatabase db = Databases.h2();
    Schemagate migrations = Schemagate.create(db.url(), bundle);
    migrations.upgradeToHead();

    Path created = migrations.createMigration("Add user avatars");
    assertThat(created.getFileName().toString()).isEqualTo("V7__add_user_avatars.sql");
    assertThat(bundle.resolve("U7__add_user_avatars.sql")).exists();
    Files.writeString(created, "ALTER TABLE users ADD COLUMN avatar_url VARCHAR(500);");
    Files.writeString(
        bundle.resolve("U7__add_user_avatars.sql"), "ALTER TABLE users DROP COLUMN avatar_url;");

    assertThat(migrations.checkDatabaseHealth().problem()).isEqualTo("1 migrations pending");
    assertThat(migrations.upgradeToHead().toVersion()).isEqualTo("7");
    assertThat(migrations.checkDatabaseHealth().healthy()).isTrue();
  }

  @Test
  void anUnreachableDatabaseIsUnhealthyNotAnException() throws Exception {
    Schemagate migrations =
        Schemagate.create("postgresql://app@127.0.0.1:1/app", copyOfExampleBundle())
            .withCredentials("app", "Health-Check-Pw");
    DatabaseHealth health = migrations.checkDatabaseHealth();
    assertThat(health.healthy()).isFalse();
    assertThat(health.problem())
        .contains("Cannot reach the database at postgresql://app@127.0.0.1:1/app")
        .doesNotContain("Health-Check-Pw");
  }

  @Test
  void theStartupSettingIsReadAsTheGuideWritesIt() {
    for (String yes : new String[] {"true", "True", "TRUE", "1", "yes", "on", " true "}) {
      assertThat(Schemagate.enabled(yes)).as(yes).isTrue();
    }
    for (String no : new String[] {"false", "False", "0", "no", "off"}) {
      assertThat(Schemagate.enabled(no)).as(no).isFalse();
    }
    for (String neither : new String[] {"flase", "", "2", "y"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schemagate.enabled(neither))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is neither yes nor no");
    }
  }

  @Test
  void aMissingMigrationsFolderIsUnhealthyWithTheReason(@TempDir Path dir) {
    DatabaseHealth health =
        Schemagate.create("sqlite:///" + dir.resolve("x.db"), dir.resolve("nowhere"))
            .checkDatabaseHealth();
    assertThat(health.healthy()).isFalse();
    assertThat(health.problem()).contains("nowhere: the folder does not exist");
  }
}
