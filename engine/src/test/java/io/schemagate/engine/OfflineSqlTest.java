package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.testing.DatabaseSnapshot;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Offline SQL against the online run: the SQL {@code upgrade --sql} and {@code downgrade --sql}
 * print, run by hand with each database's own client (psql, mariadb, sqlite3, H2's RunScript),
 * leaves the same schema, rows and history as the engine's own run, over the example bundle and the
 * Flyway corpus (dollar quoting, DELIMITER procedures, callbacks, baseline migrations,
 * placeholders, CONCURRENTLY, another encoding and naming).
 */
class OfflineSqlTest {
  private static final Path CORPUS = Path.of("src/test/resources/flyway-corpus");

  static Stream<Arguments> bundles() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String kind : List.of("postgresql", "mariadb", "h2", "sqlite")) {
      cases.add(
          Arguments.of(Named.of("lets-talk on " + kind, Databases.exampleMigrations()), kind));
    }
    try (Stream<Path> folders = Files.list(CORPUS)) {
      for (Path folder : folders.sorted().toList()) {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(folder.resolve("case.properties"))) {
          properties.load(in);
        }
        if (Files.exists(folder.resolve("bundle/beforeEachMigrateStatement.sql"))) {
          // Offline SQL names statement callbacks in a comment rather than running them around
          // each statement (docs/getting-started.md, "Offline SQL"): checked by its own test below.
          continue;
        }
        for (String kind : properties.getProperty("databases").split(",")) {
          cases.add(
              Arguments.of(
                  Named.of(folder.getFileName() + " on " + kind.strip(), folder.resolve("bundle")),
                  kind.strip()));
        }
      }
    }
    return cases.stream();
  }

  @org.junit.jupiter.api.Test
  void statementCallbacksAreNamedNotRendered() throws Exception {
    Bundle bundle = BundleLoader.fromDirectory(CORPUS.resolve("statement-callbacks/bundle"));
    TestDatabase database = Databases.fresh("h2");
    try (MigrationEngine engine = engine(database, bundle)) {
      String sql = engine.sql(engine.plan("head").upward("upgrade --sql"));
      assertThat(sql)
          .contains(
              "Not shown: callbacks afterEachMigrateStatement.sql,"
                  + " beforeEachMigrateStatement.sql")
          .doesNotContain("'before statement'")
          .containsSubsequence(
              "V1__widgets.sql",
              "'after versioned'",
              "'before repeatables'",
              "R__widget_ids.sql",
              "'after applied'");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundles")
  void theUpgradeSqlRunByHandLeavesWhatTheUpgradeLeaves(Path folder, String kind) throws Exception {
    Bundle bundle = BundleLoader.fromDirectory(folder);
    String table = bundle.options().text("table").orElse(EngineSettings.DEFAULT_TABLE);
    TestDatabase byHand = Databases.fresh(kind);
    TestDatabase online = Databases.fresh(kind);
    String sql;
    try (MigrationEngine engine = engine(byHand, bundle)) {
      sql = engine.sql(engine.plan("head").upward("downgrade --sql"));
      assertThat(engine.inspect().history()).as("rendering changes nothing").isEmpty();
    }
    runByHand(byHand, sql);
    try (MigrationEngine engine = engine(online, bundle)) {
      engine.upgrade(null, MigrationListener.NONE);
    }
    assertThat(DatabaseSnapshot.of(byHand, table)).isEqualTo(DatabaseSnapshot.of(online, table));
    try (MigrationEngine engine = engine(byHand, bundle)) {
      assertThat(engine.maintenance().validate().problems()).isEmpty();
      assertThat(engine.plan("head").scripts()).isEmpty();
    }
  }

  static Stream<Arguments> databases() {
    return Stream.of("postgresql", "mariadb", "h2", "sqlite").map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void downgradeSqlAndAnUpgradeFromTheMiddleMatchTheOnlineRuns(String kind) throws Exception {
    Bundle bundle = BundleLoader.fromDirectory(Databases.exampleMigrations());
    String table = EngineSettings.DEFAULT_TABLE;
    TestDatabase byHand = Databases.fresh(kind);
    TestDatabase online = Databases.fresh(kind);
    for (TestDatabase database : List.of(byHand, online)) {
      try (MigrationEngine engine = engine(database, bundle)) {
        engine.upgrade(null, MigrationListener.NONE);
      }
    }
    String down;
    try (MigrationEngine engine = engine(byHand, bundle)) {
      down = engine.sql(engine.plan(DowngradeTarget.toVersion("3")));
      assertThat(engine.inspect().status().currentVersion())
          .as("rendering changes nothing")
          .isEqualTo("6");
    }
    assertThat(down).contains("U6__add_message_reactions.sql", "'DELETE'");
    runByHand(byHand, down);
    try (MigrationEngine engine = engine(online, bundle)) {
      engine.downgrade(DowngradeTarget.toVersion("3"), MigrationListener.NONE);
    }
    assertThat(DatabaseSnapshot.of(byHand, table)).isEqualTo(DatabaseSnapshot.of(online, table));

    String up;
    try (MigrationEngine engine = engine(byHand, bundle)) {
      assertThat(engine.inspect().status().currentVersion()).isEqualTo("3");
      up = engine.sql(engine.plan("5").upward("downgrade --sql"));
    }
    assertThat(up)
        .doesNotContain("CREATE TABLE \"")
        .contains("V4__", "V5__")
        .doesNotContain("V6__");
    runByHand(byHand, up);
    try (MigrationEngine engine = engine(online, bundle)) {
      engine.upgrade("5", MigrationListener.NONE);
    }
    assertThat(DatabaseSnapshot.of(byHand, table)).isEqualTo(DatabaseSnapshot.of(online, table));
  }

  private static MigrationEngine engine(TestDatabase database, Bundle bundle) {
    EngineSettings settings = new EngineSettings.Builder().flyway(bundle.options()).build();
    return MigrationEngine.open(database.parsed(), bundle, settings, ConnectionSettings.DEFAULT);
  }

  /** Runs {@code sql} as a person would: with the database's own client, stopping at an error. */
  private static void runByHand(TestDatabase database, String sql) throws Exception {
    if (database.kind() == DatabaseKind.H2) {
      try (Connection connection = database.connect()) {
        org.h2.tools.RunScript.execute(connection, new StringReader(sql));
      }
      return;
    }
    URI uri = URI.create(database.url());
    List<String> command =
        switch (database.kind()) {
          case POSTGRESQL ->
              List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database.url());
          case MARIADB, MYSQL ->
              List.of(
                  "mariadb",
                  "--default-character-set=utf8mb4",
                  "-h",
                  uri.getHost(),
                  "-P",
                  Integer.toString(uri.getPort()),
                  "-u",
                  uri.getUserInfo(),
                  uri.getPath().substring(1));
          case SQLITE ->
              List.of("sqlite3", "-bail", database.parsed().sqliteFile().orElseThrow().toString());
          default -> throw new IllegalArgumentException(database.kind().toString());
        };
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGCLIENTENCODING", "UTF8");
    Process process = builder.start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(sql.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(command.get(0) + ": " + output + "\n" + sql).isZero();
  }
}
