package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemagate.engine.api.Branches;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.HistoryEntry;
import io.schemagate.engine.api.Naming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branches in a linear history, from file names and history rows, and merge's renames. */
class BranchesTest {
  @TempDir Path dir;

  private void file(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private static HistoryEntry applied(String version, String script) {
    return new HistoryEntry(
        1, version, "x", "SQL", script, 1, "me", Instant.EPOCH, 1, "Success", true);
  }

  @Test
  void aLinearFolderHasNoBranches() throws Exception {
    file("V1__a.sql", "CREATE TABLE a (id INT);");
    file("V2__b.sql", "CREATE TABLE b (id INT);");
    Branches branches = Branches.read(dir, Naming.DEFAULT, List.of(applied("1", "V1__a.sql")));
    assertThat(branches.branches()).isEmpty();
    assertThat(branches.head()).contains("2");
    assertThat(branches.merge(List.of())).isEmpty();
  }

  @Test
  void mergeRenamesTheScriptItsUndoItsConfAndItsDatabaseVariants() throws Exception {
    file("V1__a.sql", "CREATE TABLE a (id INT);");
    file("V2__main.sql", "CREATE TABLE m (id INT);");
    file("V2__feature.sql", "-- add feature\n-- branch: feature\nCREATE TABLE f (id INT);");
    file("U2__feature.sql", "DROP TABLE f;");
    file("V2__feature.sql.conf", "executeInTransaction=false");
    file("mysql/V2__feature.sql", "CREATE TABLE f (id INT) ENGINE=InnoDB;");
    Branches branches = Branches.read(dir, Naming.DEFAULT, List.of(applied("1", "V1__a.sql")));
    assertThat(branches.branches())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind()).isEqualTo(Branches.Kind.COLLISION);
              assertThat(b.tips())
                  .extracting(Branches.Tip::label)
                  .containsExactlyInAnyOrder("feature", null);
            });
    List<Branches.Rename> renames = branches.merge(List.of());
    assertThat(renames)
        .extracting(r -> r.from() + " -> " + r.to())
        .containsExactlyInAnyOrder(
            "V2__feature.sql -> V3__feature.sql",
            "V2__feature.sql.conf -> V3__feature.sql.conf",
            "U2__feature.sql -> U3__feature.sql",
            "mysql/V2__feature.sql -> mysql/V3__feature.sql");
    assertThat(dir.resolve("V3__feature.sql")).exists();
    assertThat(dir.resolve("mysql/V3__feature.sql")).exists();
    assertThat(dir.resolve("V2__main.sql")).exists();
    assertThat(Branches.read(dir, Naming.DEFAULT, List.of()).branches()).isEmpty();
  }

  @Test
  void theAppliedScriptKeepsItsVersionAndALateOneMovesAfterHead() throws Exception {
    file("V1__a.sql", "CREATE TABLE a (id INT);");
    file("V1_5__late.sql", "CREATE TABLE late (id INT);");
    file("V2__b.sql", "CREATE TABLE b (id INT);");
    file("V2__other.sql", "CREATE TABLE o (id INT);");
    Branches branches =
        Branches.read(
            dir, Naming.DEFAULT, List.of(applied("1", "V1__a.sql"), applied("2", "V2__other.sql")));
    assertThat(branches.branches())
        .extracting(Branches.Branch::version, Branches.Branch::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1.5", Branches.Kind.OUT_OF_ORDER),
            org.assertj.core.groups.Tuple.tuple("2", Branches.Kind.COLLISION));
    assertThat(branches.merge(List.of("feature")))
        .extracting(r -> r.from() + " -> " + r.to())
        .containsExactly("V1_5__late.sql -> V3__late.sql", "V2__b.sql -> V4__b.sql");
    assertThat(dir.resolve("V2__other.sql")).exists();
  }

  @Test
  void anUndecidedCollisionIsRefusedAndNothingIsRenamed() throws Exception {
    file("V1__a.sql", "CREATE TABLE a (id INT);");
    file("V1__b.sql", "CREATE TABLE b (id INT);");
    Branches branches = Branches.read(dir, Naming.DEFAULT, List.of());
    assertThatThrownBy(() -> branches.merge(List.of()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("V1__a.sql and V1__b.sql share version 1 and none is applied");
    assertThat(dir.resolve("V1__a.sql")).exists();
    assertThat(dir.resolve("V1__b.sql")).exists();
  }
}
