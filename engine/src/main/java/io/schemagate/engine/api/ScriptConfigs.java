package io.schemagate.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code <script>.conf} files of a bundle before Flyway reads them: each needs its
 * script, and each key must be one Flyway knows, since Flyway refuses any other only when the
 * migration runs, in words that name neither the file nor the keys it takes.
 */
final class ScriptConfigs {
  /** The keys of a script configuration in Flyway's community edition. */
  static final Set<String> KEYS =
      Set.of("executeInTransaction", "encoding", "placeholderReplacement", "shouldExecute");

  private ScriptConfigs() {}

  /** One line per problem of the script configurations among {@code texts}, by path. */
  static List<String> problems(Map<String, String> texts) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : texts.entrySet()) {
      String path = file.getKey();
      if (!path.endsWith(".conf") || Bundle.CONFIG_FILES.contains(path)) {
        continue;
      }
      String script = path.substring(0, path.length() - ".conf".length());
      String common = script.substring(script.lastIndexOf('/') + 1);
      if (!texts.containsKey(script) && !texts.containsKey(common)) {
        problems.add(path + ": there is no script " + script + " for this configuration");
      }
      for (String key : keys(file.getValue())) {
        if (!KEYS.contains(key)) {
          problems.add(
              path
                  + ": Flyway does not know the key '"
                  + key
                  + "'; a script's .conf takes executeInTransaction, encoding,"
                  + " placeholderReplacement and shouldExecute"
                  + (key.startsWith("schemagate")
                      ? " (mark a contract step with a comment line in the script: --"
                          + " schemagate:contract <why>)"
                      : ""));
        }
      }
    }
    return problems;
  }

  /** The keys of a properties text, as Flyway reads it: {@code key=value} lines, # comments. */
  private static List<String> keys(String text) {
    List<String> keys = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      keys.add((equals < 0 ? trimmed : trimmed.substring(0, equals)).strip());
    }
    return keys;
  }
}
