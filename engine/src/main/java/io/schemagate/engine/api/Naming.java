package io.schemagate.engine.api;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Event;

/**
 * How a bundle's scripts are named and encoded: Flyway's prefixes, separator and suffixes ({@code
 * V}, {@code U}, {@code R}, {@code B}, {@code __}, {@code .sql} unless the settings say otherwise).
 *
 * @param validateMigrationNaming refuse a file with a script suffix that is not a migration name;
 *     when false it is left out, as Flyway does by default
 */
public record Naming(
    String versionedPrefix,
    String undoPrefix,
    String repeatablePrefix,
    String baselinePrefix,
    String separator,
    List<String> suffixes,
    Charset encoding,
    boolean validateMigrationNaming) {
  /** Flyway's names, UTF-8, misnamed scripts refused. */
  public static final Naming DEFAULT =
      new Naming(
          "V", "U", "R", "B", "__", List.of(".sql"), java.nio.charset.StandardCharsets.UTF_8, true);

  /** The Flyway events of a migrate, whose SQL callbacks run inside it. */
  public static final List<String> MIGRATE_EVENTS =
      List.of(
          "beforeMigrate",
          "beforeEachMigrate",
          "beforeEachMigrateStatement",
          "afterEachMigrateStatement",
          "afterEachMigrateStatementError",
          "afterEachMigrate",
          "afterEachMigrateError",
          "afterVersioned",
          "afterMigrate",
          "afterMigrateApplied",
          "afterMigrateError");

  public Naming {
    suffixes = List.copyOf(suffixes);
  }

  /**
   * The Flyway event a callback script runs at ({@code afterMigrate} for {@code
   * afterMigrate__tidy.sql}), or empty for a file that is not a callback script.
   */
  public Optional<String> callbackEvent(String fileName) {
    Optional<String> suffix = suffix(fileName);
    if (suffix.isEmpty()) {
      return Optional.empty();
    }
    String base = fileName.substring(0, fileName.length() - suffix.get().length());
    String event = base.contains(separator) ? base.substring(0, base.indexOf(separator)) : base;
    return isEvent(event) ? Optional.of(event) : Optional.empty();
  }

  /** True for a file this naming reads: a script, or a script's {@code .conf}. */
  public boolean isScriptFile(String fileName) {
    String name =
        fileName.endsWith(".conf") ? fileName.substring(0, fileName.length() - 5) : fileName;
    return suffix(name).isPresent();
  }

  /**
   * Parses a script's file name.
   *
   * @return empty for a file to leave out (no script suffix, or misnamed while naming is not
   *     validated)
   * @throws IllegalArgumentException with the reason, for a misnamed script
   */
  public Optional<ScriptName> parse(String fileName) {
    Optional<String> suffix = suffix(fileName);
    if (suffix.isEmpty()) {
      return Optional.empty();
    }
    String base = fileName.substring(0, fileName.length() - suffix.get().length());
    Optional<String> event = callbackEvent(fileName);
    if (event.isPresent()) {
      return Optional.of(
          new ScriptName(ScriptType.CALLBACK, null, base.substring(event.get().length())));
    }
    String description = null;
    ScriptType type = null;
    String version = null;
    if (base.startsWith(repeatablePrefix + separator)) {
      type = ScriptType.REPEATABLE;
      description = base.substring(repeatablePrefix.length() + separator.length());
    } else {
      for (String prefix : List.of(versionedPrefix, undoPrefix, baselinePrefix)) {
        Matcher matcher =
            Pattern.compile(
                    "^"
                        + Pattern.quote(prefix)
                        + "(\\d+(?:[._]\\d+)*)"
                        + Pattern.quote(separator)
                        + "(.*)$",
                    Pattern.DOTALL)
                .matcher(base);
        if (matcher.matches()) {
          type =
              prefix.equals(versionedPrefix)
                  ? ScriptType.VERSIONED
                  : prefix.equals(undoPrefix) ? ScriptType.UNDO : ScriptType.BASELINE;
          version = matcher.group(1).replace('_', '.');
          description = matcher.group(2);
          break;
        }
      }
    }
    if (type == null) {
      if (!validateMigrationNaming) {
        return Optional.empty();
      }
      throw new IllegalArgumentException(
          "the name does not follow Flyway naming: "
              + versionedPrefix
              + "<version>"
              + separator
              + "<description>"
              + suffix.get()
              + ", "
              + undoPrefix
              + "<version>..., "
              + baselinePrefix
              + "<version>..., "
              + repeatablePrefix
              + separator
              + "<description>"
              + suffix.get()
              + " or a callback such as afterMigrate"
              + suffix.get()
              + " (version digits separated by . or _; set validateMigrationNaming=false in"
              + " flyway.conf to leave such files out, as Flyway does)");
    }
    String words = description.replace('_', ' ').strip();
    if (words.isEmpty() || description.contains("/") || description.contains("\\")) {
      throw new IllegalArgumentException(
          "the description after '" + separator + "' is empty in " + fileName);
    }
    return Optional.of(new ScriptName(type, version, words));
  }

  private Optional<String> suffix(String fileName) {
    return suffixes.stream()
        .filter(s -> fileName.endsWith(s) && fileName.length() > s.length())
        .max(java.util.Comparator.comparingInt(String::length));
  }

  private static boolean isEvent(String id) {
    for (Event event : Event.values()) {
      if (event.getId().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
