package io.schemagate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.ConnectionSettings;
import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.lint.Finding;
import io.schemagate.lint.Severity;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * create --autogenerate from a desired-state SQL file, on each kind of database: every kind of
 * change at once, the scripts applied to a database with rows, undone and applied again, each time
 * compared from the catalogue with the schema wanted.
 */
class AutogenerateTest {
  @TempDir Path dir;

  static final String BASE =
      """
      CREATE TABLE customers (
        id INT PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        legacy_code VARCHAR(20)
      );
      CREATE TABLE orders (
        id INT PRIMARY KEY,
        customer_id INT NOT NULL,
        total DECIMAL(10,2),
        status VARCHAR(20)
      );
      """;

  static final String DESIRED =
      """
      CREATE TABLE customers (
        id INT PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        email VARCHAR(200)
      );
      CREATE TABLE orders (
        id INT PRIMARY KEY,
        customer_id INT NOT NULL,
        total DECIMAL(12,2),
        status VARCHAR(20),
        CONSTRAINT orders_total_check CHECK (total >= 0),
        CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
      );
      CREATE INDEX orders_status_idx ON orders (status);
      CREATE TABLE invoices (
        id INT PRIMARY KEY,
        order_id INT NOT NULL,
        amount DECIMAL(10,2) NOT NULL,
        CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
      );
      CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
      """;

  /** The lint's warnings that no safe form avoids: a contract step's drop, a type change. */
  static final Set<String> UNAVOIDABLE = Set.of("drop-column", "drop-table", "column-type-change");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "sqlite", "mariadb"})
  void aSchemaFileBecomesScriptsThatRoundTripOnADatabaseWithRows(String kind) throws Exception {
    roundTripOnADatabaseWithRows(dir, kind, "file");
  }

  /**
   * Every kind of change at once, from a schema file or a development database ({@code source}):
   * the scripts applied to a database with rows, undone and applied again, each time compared with
   * the schema wanted; then nothing more to write.
   */
  static void roundTripOnADatabaseWithRows(Path dir, String kind, String source) throws Exception {
    TestDatabase database = Databases.fresh(kind);
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__base.sql"), BASE);
    Path schemaFile = dir.resolve("schema.sql");
    Files.writeString(schemaFile, DESIRED);
    migrate(database, migrations, null);
    execute(
        database,
        "INSERT INTO customers (id, name, legacy_code) VALUES (1, 'Ada', 'A1')",
        "INSERT INTO orders (id, customer_id, total, status) VALUES (10, 1, 99.50, 'open')");
    Schema before = AutogenerateFixtures.read(database);

    DesiredSchema wanted = new DesiredSchema.SqlFiles(schemaFile);
    if (source.equals("database")) {
      TestDatabase development = Databases.fresh(kind);
      execute(development, DESIRED.split(";\\s*\\n"));
      wanted = new DesiredSchema.Database(development.parsed());
    }

    Autogenerate.Result result =
        source.equals("file")
            ? AutogenerateFixtures.generate(database, migrations, wanted)
            : AutogenerateFixtures.generate(
                database.parsed(), migrations, wanted, "orders and invoices");

    assertThat(result.differences())
        .extracting(Autogenerate.Difference::kind)
        .contains(
            "add table",
            "add column",
            "drop column",
            "alter column",
            "add check",
            "add foreign key",
            "add index",
            "add view");
    assertThat(result.roundTrip()).as("V, U, V on the scratch database").isEmpty();
    assertThat(result.files().get(result.files().size() - 1).phase()).isEqualTo("contract");
    assertThat(Files.readString(result.files().get(result.files().size() - 1).migration()))
        .contains("schemagate:contract")
        .containsIgnoringCase("DROP COLUMN legacy_code");
    assertSafe(result.findings());

    Schema desired = AutogenerateFixtures.schemaOf(kind, DESIRED);
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired))
        .as("the new scripts applied to the database with rows")
        .isEmpty();
    migrate(database, migrations, DowngradeTarget.toVersion("1"));
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), before))
        .as("the undo scripts")
        .isEmpty();
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired))
        .as("the new scripts again")
        .isEmpty();

    Autogenerate.Result again = AutogenerateFixtures.generate(database, migrations, wanted);
    assertThat(again.differences()).isEmpty();
    assertThat(again.files()).isEmpty();
  }

  @Test
  void theSchemaTheMigrationsUseIsCompared() throws Exception {
    TestDatabase database = Databases.fresh("postgresql");
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("flyway.conf"), "flyway.schemas=app\n");
    Files.writeString(migrations.resolve("V1__base.sql"), BASE);
    Path schemaFile = dir.resolve("schema.sql");
    Files.writeString(schemaFile, DESIRED);

    Autogenerate.Result result =
        AutogenerateFixtures.generate(
            database.parsed(), migrations, new DesiredSchema.SqlFiles(schemaFile), "in app");

    assertThat(result.differences())
        .extracting(Autogenerate.Difference::description)
        .contains("add table invoices", "drop column customers.legacy_code")
        .doesNotContain("drop table customers");
    assertThat(result.roundTrip()).isEmpty();
    migrate(database, migrations, null);
    try (Connection connection = database.connect();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'app' AND table_name = 'invoices'")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  /** No warning but those no safe form avoids, and no error. */
  static void assertSafe(List<Finding> findings) {
    assertThat(findings)
        .filteredOn(f -> f.severity() != Severity.INFO)
        .allSatisfy(
            f -> assertThat(UNAVOIDABLE).as(f.rule() + " in " + f.script()).contains(f.rule()));
  }

  static void migrate(TestDatabase database, Path migrations, DowngradeTarget down) {
    Bundle bundle = BundleLoader.fromDirectory(migrations);
    EngineSettings settings = new EngineSettings.Builder().flyway(bundle.options()).build();
    try (MigrationEngine engine =
        MigrationEngine.open(
            database.parsed(),
            bundle,
            settings,
            new ConnectionSettings(Duration.ofSeconds(30), 3))) {
      if (down == null) {
        engine.upgrade("head", MigrationListener.NONE);
      } else {
        engine.downgrade(down, MigrationListener.NONE);
      }
    }
  }

  static void execute(TestDatabase database, String... statements) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  static boolean postgres(String kind) {
    return DatabaseKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)) == DatabaseKind.POSTGRESQL;
  }
}
