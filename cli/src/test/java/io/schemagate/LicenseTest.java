package io.schemagate;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project is licensed under the Apache License 2.0, and says so wherever it is packaged. */
class LicenseTest {
  private static Path root() {
    return Databases.exampleMigrations().getParent().getParent().getParent();
  }

  @Test
  void theLicenceFileIsTheApacheLicence() throws Exception {
    List<String> lines =
        Files.readAllLines(root().resolve("LICENSE")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    assertThat(lines.get(0)).isEqualTo("Apache License");
    assertThat(lines.get(1)).isEqualTo("Version 2.0, January 2004");
    assertThat(lines).contains("END OF TERMS AND CONDITIONS");
  }

  @Test
  void everyPomDeclaresItOrInheritsItAndTheChartSaysIt() throws Exception {
    Path root = root();
    String parent = Files.readString(root.resolve("pom.xml"));
    assertThat(parent).contains("<name>Apache-2.0</name>");
    List<Path> poms;
    try (Stream<Path> files = Files.walk(root)) {
      poms =
          files
              .filter(p -> p.getFileName().toString().equals("pom.xml"))
              .filter(p -> !root.relativize(p).toString().contains("target"))
              .toList();
    }
    assertThat(poms).hasSizeGreaterThanOrEqualTo(8);
    for (Path pom : poms) {
      String text = Files.readString(pom);
      assertThat(
              text.contains("<name>Apache-2.0</name>")
                  || text.contains(
                      "<parent>\n    <groupId>io.schemagate</groupId>\n"
                          + "    <artifactId>schemagate-parent</artifactId>"))
          .as(root.relativize(pom) + " declares the licence or inherits it from the parent")
          .isTrue();
    }
    assertThat(Files.readString(root.resolve("helm/schemagate/Chart.yaml")))
        .contains("artifacthub.io/license: Apache-2.0");
  }
}
