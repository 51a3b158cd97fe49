package io.schemagate.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Flyway script name: {@code V1_2__add_users.sql} is versioned, version 1.2,
 * description "add users".
 *
 * @param version dotted version, {@code null} for repeatable scripts
 */
public record ScriptName(ScriptType type, String version, String description) {
  private static final Pattern VERSIONED =
      Pattern.compile("^([VU])(\\d+(?:[._]\\d+)*)__([^/\\\\]+)\\.sql$");
  private static final Pattern REPEATABLE = Pattern.compile("^R__([^/\\\\]+)\\.sql$");

  /**
   * Parses a file name.
   *
   * @throws IllegalArgumentException with the reason, for a name that is not a migration
   */
  public static ScriptName parse(String fileName) {
    Matcher versioned = VERSIONED.matcher(fileName);
    if (versioned.matches()) {
      String version = versioned.group(2).replace('_', '.');
      ScriptType type = versioned.group(1).equals("V") ? ScriptType.VERSIONED : ScriptType.UNDO;
      return new ScriptName(type, version, describe(versioned.group(3), fileName));
    }
    Matcher repeatable = REPEATABLE.matcher(fileName);
    if (repeatable.matches()) {
      return new ScriptName(ScriptType.REPEATABLE, null, describe(repeatable.group(1), fileName));
    }
    throw new IllegalArgumentException(
        "the name does not follow Flyway naming: V<version>__<description>.sql,"
            + " U<version>__<description>.sql or R__<description>.sql"
            + " (version digits separated by . or _, two underscores before the description)");
  }

  private static String describe(String raw, String fileName) {
    String description = raw.replace('_', ' ').strip();
    if (description.isEmpty()) {
      throw new IllegalArgumentException("the description after '__' is empty in " + fileName);
    }
    return description;
  }
}
