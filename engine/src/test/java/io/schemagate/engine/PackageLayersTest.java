package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages are layers with one-way doors, read by the JDK's own {@code jdeps} from the
 * compiled classes: {@code db} at the bottom, the values of {@code engine.api} on it, the Flyway
 * seam ({@code engine.flyway}) on those, the façade ({@code engine}) on top, then {@code embed}.
 */
class PackageLayersTest {
  private static final String ROOT = "io.schemagate.";

  /** Each package's dependencies on the engine's other packages, as jdeps reports them. */
  private static Set<List<String>> edges() {
    StringWriter out = new StringWriter();
    int code =
        ToolProvider.findFirst("jdeps")
            .orElseThrow()
            .run(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "-verbose:package",
                "-filter:none",
                "target/classes");
    assertThat(code).as(out.toString()).isZero();
    Set<List<String>> edges = new HashSet<>();
    for (String line : out.toString().split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 3
          && words[1].equals("->")
          && words[0].startsWith(ROOT)
          && words[2].startsWith(ROOT)
          && !words[0].equals(words[2])) {
        edges.add(List.of(words[0].substring(ROOT.length()), words[2].substring(ROOT.length())));
      }
    }
    return edges;
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    Set<List<String>> edges = edges();
    assertThat(edges).contains(List.of("engine.flyway", "engine.api"));
    assertThat(edges)
        .as("package pairs with doors both ways")
        .noneMatch(edge -> edges.contains(List.of(edge.get(1), edge.get(0))));
  }

  @Test
  void theFacadeKeepsAShortApi() {
    // Sixteen public members: plan, apply and the views of a plan; new work goes into a plan, a
    // value of engine.api or Maintenance, not into another method here.
    long members =
        java.util.Arrays.stream(MigrationEngine.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .count()
            + MigrationEngine.class.getConstructors().length;
    assertThat(members).isLessThanOrEqualTo(16);
  }

  @Test
  void eachLayerReachesOnlyTheLayersBelowIt() {
    List<String> layers = List.of("db", "engine.api", "engine.flyway", "engine", "embed");
    for (List<String> edge : edges()) {
      assertThat(layers.indexOf(edge.get(1)))
          .as("%s -> %s", edge.get(0), edge.get(1))
          .isLessThan(layers.indexOf(edge.get(0)));
    }
  }
}
