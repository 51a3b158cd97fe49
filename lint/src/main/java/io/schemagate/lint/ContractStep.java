package io.schemagate.lint;

import io.schemagate.engine.api.Script;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration of expand and contract's second half: it removes or renames what the previous release
 * may still use, so it should run only once no pod of that release is left. A script is one when it
 * says so ({@code -- schemagate:contract <why>}) or when the lint finds a drop or a rename of an
 * existing table or column in it.
 *
 * @param version the script's version
 * @param script the script's file name
 * @param why the directive's reason, or the rule and line that made it one
 */
public record ContractStep(String version, String script, String why) {
  static final String DIRECTIVE = "schemagate:contract";

  /** The contract steps among {@code scripts} (versioned ones only), in their order. */
  public static List<ContractStep> of(List<Script> scripts, List<Finding> findings) {
    Map<String, ContractStep> steps = new LinkedHashMap<>();
    for (Script script : scripts) {
      if (script.version() == null) {
        continue;
      }
      String declared = declared(script.text());
      if (declared != null) {
        steps.put(script.name(), new ContractStep(script.version(), script.name(), declared));
        continue;
      }
      findings.stream()
          .filter(f -> f.contract() && f.script().equals(script.name()))
          .findFirst()
          .ifPresent(
              f ->
                  steps.put(
                      script.name(),
                      new ContractStep(
                          script.version(), script.name(), f.rule() + " at line " + f.line())));
    }
    return new ArrayList<>(steps.values());
  }

  /** The reason of a {@code -- schemagate:contract} comment line, or {@code null} without one. */
  static String declared(String text) {
    for (String line : text.lines().toList()) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        continue;
      }
      String comment = trimmed.substring(2).strip();
      if (comment.equals(DIRECTIVE) || comment.startsWith(DIRECTIVE + " ")) {
        String reason = comment.substring(DIRECTIVE.length()).strip();
        return reason.isEmpty() ? "declared in the script" : "declared: " + reason;
      }
    }
    return null;
  }
}
