package io.schemagate.autogen;

import static io.schemagate.autogen.AutogenerateTest.assertSafe;
import static io.schemagate.autogen.AutogenerateTest.execute;
import static io.schemagate.autogen.AutogenerateTest.migrate;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * create --autogenerate --from-database: a development database changed by hand is the schema
 * wanted. Keywords as names, enums, sequences, a new NOT NULL column on a table with rows, a unique
 * constraint on an existing table, and drops.
 */
class FromDatabaseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "sqlite", "mariadb"})
  void aDevelopmentDatabaseBecomesScriptsThatRoundTripOnADatabaseWithRows(String kind)
      throws Exception {
    AutogenerateTest.roundTripOnADatabaseWithRows(dir, kind, "database");
  }

  @Test
  void postgresqlEnumsSequencesNotNullAndDropsInTheirSafeForms() throws Exception {
    String base =
        """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE "user" (id serial PRIMARY KEY, "order" integer, handle varchar(50), mood mood);
        CREATE TABLE audit_log (id bigint PRIMARY KEY, entry text);
        CREATE VIEW user_handles AS SELECT id, handle FROM "user";
        """;
    TestDatabase database = Databases.fresh("postgresql");
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__base.sql"), base);
    migrate(database, migrations, null);
    execute(database, "INSERT INTO \"user\" (\"order\", handle, mood) VALUES (1, 'ada', 'happy')");
    Schema before = AutogenerateFixtures.read(database);

    TestDatabase development = Databases.fresh("postgresql");
    execute(
        development,
        "CREATE TYPE mood AS ENUM ('happy', 'sad')",
        "CREATE TYPE plan AS ENUM ('free', 'pro')",
        "CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 10",
        "CREATE TABLE \"user\" (id serial PRIMARY KEY, \"order\" integer, handle varchar(50),"
            + " mood mood, plan plan NOT NULL DEFAULT 'free', region text NOT NULL,"
            + " CONSTRAINT user_handle_key UNIQUE (handle))");
    Schema desired = AutogenerateFixtures.read(development);

    Autogenerate.Result result =
        AutogenerateFixtures.generate(
            database.parsed(),
            migrations,
            new DesiredSchema.Database(development.parsed()),
            "plans and regions");

    assertThat(result.differences())
        .extracting(Autogenerate.Difference::description)
        .contains(
            "add enum plan",
            "add sequence invoice_numbers",
            "add column user.plan (plan)",
            "add column user.region (text)",
            "add unique user.user_handle_key (handle)",
            "drop table audit_log",
            "drop view user_handles");
    assertThat(result.files())
        .extracting(Autogenerate.Written::phase)
        .containsExactly("expand", "indexes", "validate", "contract", "not null");
    assertThat(result.roundTrip()).isEmpty();
    assertSafe(result.findings());
    String expand = Files.readString(result.files().get(0).migration());
    assertThat(expand)
        .contains("ALTER TABLE \"user\" ADD COLUMN region text;")
        .contains("CREATE TYPE plan AS ENUM ('free', 'pro')");
    assertThat(Files.readString(result.files().get(1).migration()))
        .contains("CREATE UNIQUE INDEX CONCURRENTLY user_handle_key ON \"user\" (handle)");
    assertThat(Files.readString(result.files().get(2).migration()))
        .contains("ADD CONSTRAINT user_handle_key UNIQUE USING INDEX user_handle_key");
    assertThat(Files.readString(result.files().get(3).migration()))
        .contains("schemagate:contract")
        .contains("CHECK (region IS NOT NULL) NOT VALID")
        .contains("DROP TABLE audit_log");
    assertThat(Files.readString(result.files().get(4).migration()))
        .contains("VALIDATE CONSTRAINT user_region_not_null")
        .contains("ALTER COLUMN region SET NOT NULL");

    // The developer's release: expand, then fill the new column, then contract and NOT NULL.
    String contract = result.files().get(3).version();
    migrateTo(database, migrations, contract);
    execute(database, "UPDATE \"user\" SET region = 'eu' WHERE region IS NULL");
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired)).isEmpty();
    migrate(database, migrations, DowngradeTarget.toVersion("1"));
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), before)).isEmpty();
  }

  @Test
  void postgresqlEnumsMadeAnewSequencesAndAViewOverARetypedColumn() throws Exception {
    TestDatabase database = Databases.fresh("postgresql");
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__tickets.sql"),
        """
        CREATE TYPE status AS ENUM ('open', 'paid', 'void');
        CREATE TYPE size AS ENUM ('s', 'm');
        CREATE SEQUENCE ticket_numbers INCREMENT BY 1;
        CREATE TABLE tickets (id int PRIMARY KEY, status status NOT NULL DEFAULT 'open',
          size size, price numeric(8,2));
        CREATE VIEW ticket_prices AS SELECT id, price FROM tickets;
        CREATE INDEX tickets_size_idx ON tickets (size);
        """);
    migrate(database, migrations, null);
    execute(database, "INSERT INTO tickets VALUES (1, 'paid', 'm', 10.50)");
    Schema before = AutogenerateFixtures.read(database);
    TestDatabase development = Databases.fresh("postgresql");
    execute(
        development,
        "CREATE TYPE status AS ENUM ('open', 'paid')",
        "CREATE TYPE size AS ENUM ('s', 'm', 'l')",
        "CREATE SEQUENCE ticket_numbers INCREMENT BY 5",
        "CREATE TABLE tickets (id int PRIMARY KEY, status status NOT NULL DEFAULT 'open',"
            + " size size, price numeric(12,2))",
        "CREATE VIEW ticket_prices AS SELECT id, price FROM tickets",
        "CREATE INDEX tickets_size_idx ON tickets USING hash (size) WHERE size IS NOT NULL");
    Schema desired = AutogenerateFixtures.read(development);

    Autogenerate.Result result =
        AutogenerateFixtures.generate(
            database.parsed(),
            migrations,
            new DesiredSchema.Database(development.parsed()),
            "ticket types");

    assertThat(result.differences())
        .extracting(Autogenerate.Difference::description)
        .containsExactlyInAnyOrder(
            "alter enum status (open, paid, void) -> (open, paid)",
            "alter enum size (s, m) -> (s, m, l)",
            "alter sequence ticket_numbers (increment 1 -> 5)",
            "alter column tickets.price (type numeric(8,2) -> numeric(12,2))",
            "drop index tickets.tickets_size_idx (size)",
            "add index tickets.tickets_size_idx (size)");
    assertThat(Files.readString(result.files().get(1).migration()))
        .contains("DROP INDEX CONCURRENTLY IF EXISTS tickets_size_idx")
        .contains(
            "CREATE INDEX CONCURRENTLY tickets_size_idx ON tickets USING hash (size)"
                + " WHERE (size IS NOT NULL)");
    assertThat(result.roundTrip()).isEmpty();
    assertSafe(result.findings());
    String expand = Files.readString(result.files().get(0).migration());
    assertThat(expand)
        .contains("ALTER TYPE size ADD VALUE 'l'")
        .contains("ALTER TYPE status RENAME TO status__schemagate_old")
        .contains("DROP VIEW ticket_prices");
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired)).isEmpty();
    migrate(database, migrations, DowngradeTarget.toVersion("1"));
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), before)).isEmpty();
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired)).isEmpty();
  }

  @Test
  void mariadbKeywordNamesAndANotNullColumn() throws Exception {
    TestDatabase database = Databases.fresh("mariadb");
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__base.sql"),
        "CREATE TABLE `order` (id INT PRIMARY KEY, `group` VARCHAR(20), note TEXT);\n");
    migrate(database, migrations, null);
    Schema before = AutogenerateFixtures.read(database);
    TestDatabase development = Databases.fresh("mariadb");
    execute(
        development,
        "CREATE TABLE `order` (id INT PRIMARY KEY, `group` VARCHAR(40), placed DATE NOT NULL,"
            + " status ENUM('open', 'paid') NOT NULL DEFAULT 'open')",
        "CREATE INDEX order_group_idx ON `order` (`group`)");
    Schema desired = AutogenerateFixtures.read(development);

    Autogenerate.Result result =
        AutogenerateFixtures.generate(
            database.parsed(),
            migrations,
            new DesiredSchema.Database(development.parsed()),
            "placed and status");

    assertThat(result.roundTrip()).isEmpty();
    assertSafe(result.findings());
    assertThat(Files.readString(result.files().get(0).migration()))
        .contains("ALTER TABLE `order` ADD COLUMN placed date, ALGORITHM=INSTANT")
        .contains("ADD INDEX order_group_idx (`group`), ALGORITHM=INPLACE, LOCK=NONE");
    migrate(database, migrations, null);
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), desired)).isEmpty();
    migrate(database, migrations, DowngradeTarget.toVersion("1"));
    assertThat(SchemaDiff.between(AutogenerateFixtures.read(database), before)).isEmpty();
    assertThat(result.differences())
        .extracting(Autogenerate.Difference::kind)
        .containsAll(List.of("add column", "alter column", "drop column", "add index"));
  }

  private static void migrateTo(TestDatabase database, Path migrations, String version) {
    var bundle = io.schemagate.engine.api.BundleLoader.fromDirectory(migrations);
    var settings =
        new io.schemagate.engine.api.EngineSettings.Builder().flyway(bundle.options()).build();
    try (var engine =
        io.schemagate.engine.MigrationEngine.open(
            database.parsed(),
            bundle,
            settings,
            new io.schemagate.db.ConnectionSettings(java.time.Duration.ofSeconds(30), 3))) {
      engine.upgrade(version, io.schemagate.engine.api.MigrationListener.NONE);
    }
  }
}
