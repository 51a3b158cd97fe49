package io.schemagate.cli;

import io.schemagate.engine.api.Versions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A version typed on the command line, checked before anything opens: one that is neither a version
 * nor one of the command's words is a wrong command line (exit 2, with the usage), in every command
 * alike.
 */
final class VersionArgument {
  private VersionArgument() {}

  /**
   * The argument as given when it is a version ({@code 7}, {@code V7}, {@code 1.2}, {@code 1_2}) or
   * one of {@code words} ({@code head}, {@code base}); otherwise a usage error naming them.
   */
  static String check(CommandSpec spec, String what, String value, List<String> words) {
    if (value == null
        || words.contains(value.strip().toLowerCase(Locale.ROOT))
        || Versions.parse(value).isPresent()) {
      return value;
    }
    String choices = words.isEmpty() ? "" : String.join(", ", words) + ", or ";
    throw new ParameterException(
        spec.commandLine(),
        what
            + "'"
            + value
            + "' is not a version: write "
            + choices
            + "digits separated by dots, e.g. 7 or 1.2");
  }
}
