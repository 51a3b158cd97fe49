package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.Databases;
import io.schemagate.testing.RogueMySqlServer;
import io.schemagate.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tenant's migration cannot read the operator's files through {@code LOAD DATA LOCAL INFILE}, on
 * either MySQL driver, not even when the server asks for a file on its own. Each case also runs
 * with the local infile explicitly allowed for a trusted user, which does read the file: so the
 * test would see a read if one happened.
 */
class LocalInfileTest {
  private static final String CONTENT = "operator-file-content-4711";

  private static Path operatorFile(Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, CONTENT + "\n");
    return file;
  }

  private static TestDatabase mariadb() {
    TestDatabase db = Databases.mariadbOrPlaceholder();
    Databases.assumeAvailable(db);
    return db;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mariadb,allowLocalInfile", "mysql,allowLoadLocalInfile"})
  void aMigrationScriptReadsNoLocalFile(String scheme, String optIn, @TempDir Path dir)
      throws Exception {
    TestDatabase db = mariadb();
    Path file = operatorFile(dir);
    String url = db.url().replace("mariadb://", scheme + "://");
    db.execute("CREATE TABLE loot (line TEXT)");
    String script = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE loot;\n";
    var bundle =
        BundleLoader.fromFiles(
            "t", Map.of("V1__read.sql", script.getBytes(StandardCharsets.UTF_8)));
    // The table exists before the history does: a baseline at 0 lets V1 run.
    EngineSettings settings = new EngineSettings.Builder().baseline(true, "0").build();
    TargetPolicy tenant = TargetPolicy.tenant("apps", Optional.empty());

    try (MigrationEngine engine =
        MigrationEngine.open(
            DatabaseUrl.parse(url, tenant), bundle, settings, ConnectionSettings.DEFAULT)) {
      Throwable refused = catchThrowable(() -> engine.upgrade(null, MigrationListener.NONE));
      // The script ran and its driver refused the file: the connection itself was fine.
      assertThat(refused)
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("Migration V1__read.sql failed")
          .hasMessageContainingAll("ocal", "nfile");
    }
    assertThat(db.queryOne("SELECT COUNT(*) FROM loot").toString()).isEqualTo("0");

    // The control: a trusted user who opts in reads the file, so a read would have shown.
    db.execute("DELETE FROM loot");
    String trusted = url + "?" + optIn + "=true";
    try (HikariDataSource pool =
            ConnectionPools.open(
                DatabaseUrl.parse(trusted), ConnectionSettings.DEFAULT, Duration.ofSeconds(5));
        var connection = pool.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(script);
    }
    assertThat(db.queryOne("SELECT line FROM loot").toString()).isEqualTo(CONTENT);
  }

  /**
   * MariaDB Connector/J 3 also refuses a file the query did not name, even when allowed, so only
   * MySQL Connector/J's control reads here.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"mariadb,allowLocalInfile,false", "mysql,allowLoadLocalInfile,true"})
  void aServerThatAsksForAFileOnItsOwnGetsNothing(
      String scheme, String optIn, boolean controlReads, @TempDir Path dir) throws Exception {
    TestDatabase db = mariadb();
    Path file = operatorFile(dir);
    String database = db.url().substring(db.url().lastIndexOf('/') + 1);
    TargetPolicy tenant = TargetPolicy.tenant("apps", Optional.empty());
    try (RogueMySqlServer rogue = new RogueMySqlServer("127.0.0.1", 3306, file.toString())) {
      String url = scheme + "://root@127.0.0.1:" + rogue.port() + "/" + database;
      Throwable failed =
          catchThrowable(
              () ->
                  ConnectionPools.open(
                          DatabaseUrl.parse(url, tenant),
                          ConnectionSettings.DEFAULT,
                          Duration.ofSeconds(5))
                      .close());
      assertThat(failed).as("the rogue server fails every query").isNotNull();
      assertThat(rogue.asked()).as("the server asked for the file").isTrue();
      assertThat(rogue.received()).doesNotContain(CONTENT).isEmpty();
    }
    try (RogueMySqlServer rogue = new RogueMySqlServer("127.0.0.1", 3306, file.toString())) {
      String url =
          scheme + "://root@127.0.0.1:" + rogue.port() + "/" + database + "?" + optIn + "=true";
      catchThrowable(
          () ->
              ConnectionPools.open(
                      DatabaseUrl.parse(url), ConnectionSettings.DEFAULT, Duration.ofSeconds(5))
                  .close());
      assertThat(rogue.asked()).isTrue();
      if (controlReads) {
        assertThat(rogue.received()).as("the control reads the file").contains(CONTENT);
      }
    }
  }
}
