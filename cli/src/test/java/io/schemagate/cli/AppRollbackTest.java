package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guide's container entrypoint after an application rollback: the previous image's bundle
 * against a database the newer image migrated. auto-upgrade and upgrade exit 0 with one warning
 * line, as Flyway does; only a named version below the applied one is refused.
 */
class AppRollbackTest {
  @TempDir Path dir;

  static Stream<TestDatabase> databases() {
    return Stream.of(Databases.postgres(), Databases.mariadbOrPlaceholder());
  }

  private Cli cli(TestDatabase db, Path migrations) {
    return new Cli().env("DATABASE_URL", db.url()).env("MIGRATIONS_DIR", migrations.toString());
  }

  private Path folder(String name, int versions) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (int v = 1; v <= versions; v++) {
      Files.writeString(
          folder.resolve("V" + v + "__t" + v + ".sql"), "CREATE TABLE t" + v + " (id INT);");
    }
    return folder;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theOlderImageStartsOnTheNewerSchema(TestDatabase db) throws Exception {
    Databases.assumeAvailable(db);
    assertThat(cli(db, folder("release-9", 3)).run("auto-upgrade").code()).isZero();

    Path previous = folder("release-8", 2);
    Result started = cli(db, previous).run("auto-upgrade");
    assertThat(started.code()).as(started.all()).isZero();
    assertThat(started.out()).contains("Already at version 3; nothing to apply.");
    assertThat(started.err().strip())
        .isEqualTo(
            "warning: the database is at version 3, ahead of this bundle's head 2 (an older"
                + " release against a newer schema); its versions are left as they are. To go back"
                + " on purpose: downgrade 2");
    assertThat(cli(db, previous).run("upgrade").code()).isZero();
    Result status = cli(db, previous).run("status");
    assertThat(status.code()).isZero();
    assertThat(status.out())
        .contains("Status:    ahead of the bundle: the database is at 3, the bundle's head is 2");
    Result check = cli(db, previous).run("check");
    assertThat(check.code()).as(check.all()).isZero();
    assertThat(check.all()).contains("ahead of the bundle");

    Result named = cli(db, previous).run("upgrade", "2");
    assertThat(named.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(named.err()).contains("below the applied version 3");
    assertThat(db.tables()).contains("t3");
  }
}
