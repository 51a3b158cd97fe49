package io.schemagate.autogen;

import static io.schemagate.autogen.AutogenerateTest.assertSafe;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Databases;
import io.schemagate.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * create --autogenerate from JPA entities: a small shop's first release written from nothing, its
 * second release from the changed entities, and nothing once the scripts match the entities.
 */
class EntitiesTest {
  private static final Path CLASSES = Path.of("target/test-classes");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2", "mariadb", "sqlite"})
  void theEntitiesOfTwoReleasesRoundTrip(String kind) throws Exception {
    TestDatabase database = Databases.fresh(kind);
    Path migrations = Files.createDirectories(dir.resolve("migrations"));

    Autogenerate.Result first =
        AutogenerateFixtures.generate(database.parsed(), migrations, entities("v1"), "shop");
    assertThat(first.files()).hasSize(1);
    assertThat(first.files().get(0).version()).isEqualTo("1");
    assertThat(first.differences())
        .extracting(d -> d.description().toLowerCase(java.util.Locale.ROOT))
        .contains("add table customers", "add table orders");
    assertThat(first.roundTrip()).isEmpty();
    assertSafe(first.findings());

    Autogenerate.Result second =
        AutogenerateFixtures.generate(database.parsed(), migrations, entities("v2"), "invoices");
    assertThat(second.roundTrip()).isEmpty();
    assertSafe(second.findings());
    assertThat(second.differences())
        .extracting(Autogenerate.Difference::kind)
        .contains("add table", "add column", "drop column", "add index");
    assertThat(second.differences())
        .extracting(d -> d.description().toLowerCase(java.util.Locale.ROOT))
        .anyMatch(d -> d.startsWith("add table invoices"))
        .anyMatch(d -> d.startsWith("drop column orders.note"));

    for (var w : second.files()) {
      System.out.println(
          "==== "
              + w.migration().getFileName()
              + "\n"
              + Files.readString(w.migration())
              + "==== U\n"
              + Files.readString(w.undo()));
    }
    second
        .findings()
        .forEach(f -> System.out.println(f.severity() + " " + f.rule() + " " + f.script()));
    Autogenerate.Result third =
        AutogenerateFixtures.generate(database.parsed(), migrations, entities("v2"), "again");
    assertThat(third.differences()).isEmpty();
    assertThat(third.files()).isEmpty();
  }

  private static DesiredSchema entities(String release) {
    return new DesiredSchema.Entities(
        List.of(CLASSES), List.of("io.schemagate.autogen.shop." + release));
  }
}
