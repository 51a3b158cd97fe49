package io.schemagate.autogen;

import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;

/** Reading schemas and running create --autogenerate in tests. */
final class AutogenerateFixtures {
  private AutogenerateFixtures() {}

  /** The schema of a test database, without the history table. */
  static Schema read(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      String schema =
          switch (database.kind()) {
            case POSTGRESQL -> "public";
            case H2 -> "PUBLIC";
            case SQLITE -> "main";
            case MYSQL, MARIADB -> connection.getCatalog();
          };
      return CatalogueReader.of(database.kind())
          .read(connection, schema, Set.of("flyway_schema_history", "FLYWAY_SCHEMA_HISTORY"));
    }
  }

  /** The schema {@code sql} builds on a fresh database of {@code kind}. */
  static Schema schemaOf(String kind, String sql) throws Exception {
    TestDatabase database = Databases.fresh(kind);
    AutogenerateTest.execute(database, sql.split(";\\s*\\n"));
    return read(database);
  }

  static Autogenerate.Result generate(
      TestDatabase database, Path migrations, DesiredSchema desired) {
    // The embedded PostgreSQL that create --autogenerate starts by default.
    return generate(database.parsed(), migrations, desired, "orders and invoices", null);
  }

  /**
   * On PostgreSQL, the scratch databases are made on the tests' own server (--scratch-url), so a
   * test JVM starts one PostgreSQL, not two.
   */
  static Autogenerate.Result generate(
      DatabaseUrl target, Path migrations, DesiredSchema desired, String description) {
    DatabaseUrl scratch =
        target.kind() == DatabaseKind.POSTGRESQL ? Databases.postgres().parsed() : null;
    return generate(target, migrations, desired, description, scratch);
  }

  private static Autogenerate.Result generate(
      DatabaseUrl target,
      Path migrations,
      DesiredSchema desired,
      String description,
      DatabaseUrl scratch) {
    boolean empty;
    try (var files = java.nio.file.Files.list(migrations)) {
      empty = files.noneMatch(f -> f.toString().endsWith(".sql"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Bundle bundle =
        empty
            ? new Bundle(
                migrations.toString(),
                new java.util.TreeMap<>(),
                "",
                BundleLoader.options(migrations, io.schemagate.engine.api.FlywayOptions.none()))
            : BundleLoader.fromDirectory(migrations);
    EngineSettings settings = new EngineSettings.Builder().flyway(bundle.options()).build();
    return Autogenerate.run(
        new Autogenerate.Request(
            target, bundle, settings, migrations, desired, description, false, scratch));
  }

  static DatabaseKind kind(String kind) {
    return DatabaseKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
  }

  static Bundle bundleOf(Map<String, String> files) {
    Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return BundleLoader.fromFiles("test", bytes);
  }
}
