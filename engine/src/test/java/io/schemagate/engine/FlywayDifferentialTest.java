package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.schemagate.db.ConnectionPools;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.ScriptType;
import io.schemagate.testing.DatabaseSnapshot;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.configuration.ConfigUtils;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bundle applied by schemagate and by Flyway's own API, once with each of schemagate's
 * executors (its own, the default, and Flyway's, the fallback), on fresh databases of one kind: the
 * history (every column that depends on neither time nor user), the schema and the data must be the
 * same, and each tool must accept what the other wrote. A case that has a {@code midpoint} is also
 * applied half by one tool and finished by the other, both ways; a case with a {@code next} bundle
 * (a later release) is then moved to it by each tool, and from each tool's history by the other.
 *
 * <p>The corpus is {@code src/test/resources/flyway-corpus}: one folder per case, with {@code
 * case.properties} ({@code databases}, {@code midpoint}), the {@code bundle} folder, optionally
 * {@code next}, and for a {@code flyway.toml} bundle the same settings as {@code flyway-side.conf}
 * for Flyway's API, which reads only properties.
 */
class FlywayDifferentialTest {
  private static final Path CORPUS = corpus();

  /** One pool per database for both tools: opening pools was most of a small case's time. */
  private final Map<TestDatabase, HikariDataSource> pools = new java.util.HashMap<>();

  @org.junit.jupiter.api.AfterEach
  void closePools() {
    pools.values().forEach(HikariDataSource::close);
  }

  /**
   * The cases on PostgreSQL and SQLite; {@link FlywayDifferentialOnMariaDbAndH2Test} takes the
   * others, so that the two halves run in separate test JVMs.
   */
  static Stream<Arguments> cases() throws IOException {
    return cases(java.util.Set.of("postgresql", "sqlite"));
  }

  static Stream<Arguments> cases(java.util.Set<String> kinds) throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> folders = Files.list(CORPUS)) {
      for (Path folder : folders.sorted().toList()) {
        Properties properties = properties(folder);
        for (String kind : properties.getProperty("databases").split(",")) {
          if (!kinds.contains(kind.strip())) {
            continue;
          }
          cases.add(
              Arguments.of(
                  Named.of(folder.getFileName() + " on " + kind.strip(), folder), kind.strip()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void schemagateAndFlywayLeaveTheSameDatabase(Path folder, String kind) throws Exception {
    Properties properties = properties(folder);
    Bundle plain = BundleLoader.fromDirectory(folder.resolve("bundle"));
    String table = plain.options().text("table").orElse(EngineSettings.DEFAULT_TABLE);

    // Flyway's side is made once and compared with each executor's.
    TestDatabase byFlyway = Databases.fresh(kind);
    flyway(byFlyway, folder, "bundle", null);
    DatabaseSnapshot expected = DatabaseSnapshot.of(byFlyway, table);
    assertThat(expected.history()).isNotEmpty();
    Map<String, TestDatabase> bySchemagate = new java.util.LinkedHashMap<>();
    for (String executor : EXECUTORS) {
      Bundle bundle = withExecutor(plain, executor);
      TestDatabase database = Databases.fresh(kind);
      schemagate(database, bundle, null);
      assertThat(DatabaseSnapshot.of(database, table)).as(executor).isEqualTo(expected);
      assertAcceptedByBoth(folder, "bundle", bundle, database, byFlyway);
      bySchemagate.put(executor, database);
    }

    String midpoint = properties.getProperty("midpoint");
    if (midpoint != null) {
      // Two runs differ from one where repeatables or callbacks run in each, so the reference is
      // then Flyway run twice.
      DatabaseSnapshot twice = expected;
      boolean eachRunRuns =
          plain
              .forDatabase(DatabaseKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)))
              .scripts()
              .values()
              .stream()
              .anyMatch(s -> s.type() == ScriptType.REPEATABLE || s.type() == ScriptType.CALLBACK);
      if (eachRunRuns) {
        TestDatabase flywayTwice = Databases.fresh(kind);
        flyway(flywayTwice, folder, "bundle", midpoint);
        flyway(flywayTwice, folder, "bundle", null);
        twice = DatabaseSnapshot.of(flywayTwice, table);
      }
      for (String executor : EXECUTORS) {
        Bundle bundle = withExecutor(plain, executor);
        TestDatabase flywayThenSchemagate = Databases.fresh(kind);
        flyway(flywayThenSchemagate, folder, "bundle", midpoint);
        schemagate(flywayThenSchemagate, bundle, null);
        TestDatabase schemagateThenFlyway = Databases.fresh(kind);
        schemagate(schemagateThenFlyway, bundle, midpoint);
        flyway(schemagateThenFlyway, folder, "bundle", null);
        assertThat(DatabaseSnapshot.of(flywayThenSchemagate, table)).as(executor).isEqualTo(twice);
        assertThat(DatabaseSnapshot.of(schemagateThenFlyway, table)).as(executor).isEqualTo(twice);
      }
    }

    if (Files.isDirectory(folder.resolve("next"))) {
      Bundle nextPlain = BundleLoader.fromDirectory(folder.resolve("next"));
      flyway(byFlyway, folder, "next", null);
      DatabaseSnapshot after = DatabaseSnapshot.of(byFlyway, table);
      assertThat(after).isNotEqualTo(expected);
      for (String executor : EXECUTORS) {
        Bundle next = withExecutor(nextPlain, executor);
        TestDatabase database = bySchemagate.get(executor);
        schemagate(database, next, null);
        assertThat(DatabaseSnapshot.of(database, table)).as(executor).isEqualTo(after);
        assertAcceptedByBoth(folder, "next", next, database, byFlyway);

        // An upgrade from an older release, across tools: the history Flyway made moved by
        // schemagate, and the other way round.
        TestDatabase flywayThenSchemagate = Databases.fresh(kind);
        flyway(flywayThenSchemagate, folder, "bundle", null);
        schemagate(flywayThenSchemagate, next, null);
        assertThat(DatabaseSnapshot.of(flywayThenSchemagate, table)).as(executor).isEqualTo(after);
        TestDatabase schemagateThenFlyway = Databases.fresh(kind);
        schemagate(schemagateThenFlyway, withExecutor(plain, executor), null);
        flyway(schemagateThenFlyway, folder, "next", null);
        assertThat(DatabaseSnapshot.of(schemagateThenFlyway, table)).as(executor).isEqualTo(after);
      }
    }
  }

  /**
   * schemagate's executors: its own, the default, and Flyway's ({@code executor = flyway}), the
   * fallback kept for one release. Each is compared with the same databases Flyway's API made.
   */
  private static final List<String> EXECUTORS = List.of("schemagate", "flyway");

  /** The bundle with {@code executor = <executor>} among its settings. */
  private static Bundle withExecutor(Bundle bundle, String executor) {
    return new Bundle(
        bundle.source(),
        bundle.files(),
        bundle.digest(),
        bundle.options().with("executor", executor, "the test"));
  }

  /** Flyway validates what schemagate wrote, and schemagate finds nothing to do on Flyway's. */
  private void assertAcceptedByBoth(
      Path folder,
      String bundleName,
      Bundle bundle,
      TestDatabase bySchemagate,
      TestDatabase byFlyway)
      throws SQLException {
    ValidateResult result =
        configure(pool(bySchemagate), folder, bundleName).load().validateWithResult();
    assertThat(result.validationSuccessful)
        .as("Flyway's validate on schemagate's database: %s", result.invalidMigrations)
        .isTrue();
    try (MigrationEngine engine = engine(byFlyway, bundle)) {
      assertThat(engine.maintenance().validate().problems()).isEmpty();
      assertThat(engine.inspect().status().pending()).isEmpty();
      assertThat(engine.plan("head").refusal()).isEmpty();
    }
  }

  private void schemagate(TestDatabase database, Bundle bundle, String target) {
    try (MigrationEngine engine = engine(database, bundle)) {
      engine.upgrade(target, MigrationListener.NONE);
    }
  }

  private MigrationEngine engine(TestDatabase database, Bundle bundle) {
    EngineSettings settings = new EngineSettings.Builder().flyway(bundle.options()).build();
    return new MigrationEngine(database.parsed(), pool(database), bundle, settings);
  }

  private void flyway(TestDatabase database, Path folder, String bundleName, String target) {
    var config = configure(pool(database), folder, bundleName);
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
  }

  /** Flyway's API configured as its command line would be from the bundle's own settings. */
  private static org.flywaydb.core.api.configuration.FluentConfiguration configure(
      HikariDataSource pool, Path folder, String bundleName) {
    Path bundleDir = folder.resolve(bundleName);
    var config =
        Flyway.configure()
            .dataSource(pool)
            .locations("filesystem:" + bundleDir.toAbsolutePath())
            .cleanDisabled(true)
            // What a Flyway user sets for CREATE INDEX CONCURRENTLY, which otherwise waits for
            // Flyway's own lock transaction for ever; schemagate always does this.
            .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    Optional<Path> conf =
        Stream.of(bundleDir.resolve("flyway.conf"), folder.resolve("flyway-side.conf"))
            .filter(Files::isRegularFile)
            .findFirst();
    conf.ifPresent(
        file -> {
          Map<String, String> settings =
              new java.util.HashMap<>(
                  ConfigUtils.loadConfigurationFile(file.toFile(), "UTF-8", true));
          // A bundle names its callback folders relative to itself; Flyway's command line reads
          // them relative to where it runs, here the bundle.
          settings.computeIfPresent(
              "flyway.callbackLocations",
              (key, value) ->
                  Stream.of(value.split(","))
                      .map(l -> l.strip().replaceFirst("^filesystem:", ""))
                      .map(l -> "filesystem:" + bundleDir.resolve(l).toAbsolutePath())
                      .collect(java.util.stream.Collectors.joining(",")));
          config.configuration(settings);
        });
    return config;
  }

  /** The database's one pool, opened on first use and closed after the case. */
  private HikariDataSource pool(TestDatabase database) {
    return pools.computeIfAbsent(
        database,
        d -> ConnectionPools.open(d.parsed(), ConnectionSettings.DEFAULT, Duration.ofSeconds(10)));
  }

  private static Properties properties(Path folder) {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(folder.resolve("case.properties"), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static Path corpus() {
    try {
      return Path.of(FlywayDifferentialTest.class.getResource("/flyway-corpus").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
