package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Every field" and "Every reason" tables of docs/operator.md say what the code does: every
 * field of the CRD is listed and every listed field exists; every reason is listed with the Ready /
 * Reconciling / Stalled triple its state sets, and nothing else is.
 */
class ReadmeTablesTest {
  private static final Path README = Path.of("../docs/operator.md");
  private static final Pattern FIELD = Pattern.compile("`((?:spec|status)\\.[^`]+)`");

  private static String section(String heading) throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading + " in docs/operator.md").isPositive();
    int end = readme.indexOf("\n#", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The first cell of each row of the section's table. */
  private static List<String> firstCells(String section) {
    List<String> cells = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| ") && !line.startsWith("| field ") && !line.startsWith("| reason ")) {
        cells.add(line.substring(2, line.indexOf(" |", 2)));
      }
    }
    return cells;
  }

  /** {@code spec.a.{b,c}} and {@code status.x}, {@code status.y} as single paths. */
  private static List<String> listedFields() throws Exception {
    List<String> fields = new ArrayList<>();
    for (String cell : firstCells(section("## Every field"))) {
      Matcher matcher = FIELD.matcher(cell);
      while (matcher.find()) {
        String path = matcher.group(1);
        int brace = path.indexOf(".{");
        if (brace < 0) {
          fields.add(path);
        } else {
          String base = path.substring(0, brace);
          for (String leaf : path.substring(brace + 2, path.length() - 1).split(",")) {
            fields.add(base + "." + leaf);
          }
        }
      }
    }
    return fields;
  }

  /** Every property path of the CRD's schema; array items are {@code []}. */
  private static void collect(String path, JsonNode schema, List<String> out) {
    out.add(path);
    JsonNode items = schema.get("items");
    if (items != null) {
      collect(path + "[]", items, out);
    }
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collect(path + "." + field.getKey(), field.getValue(), out);
      }
    }
  }

  private static List<String> crdFields() throws Exception {
    JsonNode crd;
    try (InputStream in = DatabaseMigration.class.getResourceAsStream(OperatorHarness.CRD)) {
      crd = Serialization.yamlMapper().readTree(in);
    }
    JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties");
    List<String> paths = new ArrayList<>();
    collect("spec", schema.get("spec"), paths);
    collect("status", schema.get("status"), paths);
    return paths;
  }

  @Test
  void everyFieldOfTheCrdIsListedAndEveryListedFieldExists() throws Exception {
    List<String> listed = listedFields();
    List<String> crd = crdFields();
    assertThat(crd).as("fields docs/operator.md lists").containsAll(listed);
    List<String> unlisted = new ArrayList<>();
    for (String path : crd) {
      boolean covered =
          listed.stream()
              .anyMatch(
                  l ->
                      path.equals(l)
                          || path.startsWith(l + ".")
                          || path.startsWith(l + "[]")
                          || l.startsWith(path + ".")
                          || l.startsWith(path + "[]"));
      if (!covered) {
        unlisted.add(path);
      }
    }
    assertThat(unlisted).as("CRD fields docs/operator.md does not list").isEmpty();
  }

  @Test
  void everyReasonIsListedWithTheConditionsItsStateSets() throws Exception {
    Map<String, String> listed = new LinkedHashMap<>();
    for (String line : section("## Every reason").split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split(" \\| ");
        listed.put(cells[0].substring(3, cells[0].length() - 1), cells[1].strip());
      }
    }
    Map<String, String> actual = new LinkedHashMap<>();
    for (Reason reason : Reason.values()) {
      Reason.State state = reason.state();
      actual.put(
          reason.name(),
          String.join(
              " / ", title(state.ready()), title(state.reconciling()), title(state.stalled())));
    }
    assertThat(new TreeSet<>(listed.keySet())).isEqualTo(new TreeSet<>(actual.keySet()));
    assertThat(listed).containsAllEntriesOf(actual);
  }

  private static String title(boolean value) {
    return value ? "True" : "False";
  }
}
