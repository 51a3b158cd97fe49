package io.schemagate.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/ is what the code says: each page is made again from the code and must equal the
 * committed one. {@code -Dschemagate.writeDocs=true} writes them instead.
 */
class ReferencePagesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theCommittedReferenceIsTheCodes() throws Exception {
    ReferencePages reference = new ReferencePages(ROOT);
    Map<String, String> pages = reference.pages();
    boolean write = Boolean.getBoolean("schemagate.writeDocs");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      if (write) {
        reference.write(page.getKey(), page.getValue());
      }
      assertThat(reference.committed(page.getKey()))
          .as(
              "docs/reference/%s differs from the code: run ./mvnw -B -pl cli surefire:test"
                  + " -Dtest=ReferencePagesTest -Dschemagate.writeDocs=true",
              page.getKey())
          .isEqualTo(page.getValue());
    }
    assertThat(pages).hasSize(7);
    assertThat(pages.get("exit-codes.md")).contains("| 17 |", "| 70 |");
    assertThat(pages.get("commands.md")).contains("## upgrade", "### fleet status");
    assertThat(pages.get("resource.md")).contains("`spec.rollout.failureBudget`");
  }
}
