package io.schemagate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and of docs/ resolves: the file or folder exists and, where the
 * link names a heading ({@code guide.md#a-heading}), the target has that heading, by GitHub's rule
 * for anchors. Links to other sites are not fetched.
 */
class DocumentLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

  static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces made hyphens. */
  static String anchor(String heading) {
    String plain = heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "");
    return plain.replace(' ', '-');
  }

  static Set<String> anchors(Path markdown) throws IOException {
    Set<String> anchors = new TreeSet<>();
    Matcher heading = HEADING.matcher(withoutCode(Files.readString(markdown)));
    while (heading.find()) {
      anchors.add(anchor(heading.group(1)));
    }
    return anchors;
  }

  /** The text outside fenced code blocks, where a bracket is code and not a link. */
  static String withoutCode(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "");
  }

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents()) {
      Matcher link = LINK.matcher(withoutCode(Files.readString(document)));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        checked++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        String where = ROOT.relativize(document) + ": " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertThat(checked).as("links checked").isGreaterThan(50);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void anchorsFollowGitHubsRule() {
    assertThat(anchor("Development workflow: from the schema you want to a reviewed migration"))
        .isEqualTo("development-workflow-from-the-schema-you-want-to-a-reviewed-migration");
    assertThat(anchor("The suite's figures")).isEqualTo("the-suites-figures");
    assertThat(anchor("`kubectl schemagate`")).isEqualTo("kubectl-schemagate");
  }

  @Test
  void theReadmeIsAFrontDoor() throws IOException {
    assertThat(Files.size(ROOT.resolve("README.md"))).as("README size").isLessThanOrEqualTo(12_288);
  }
}
