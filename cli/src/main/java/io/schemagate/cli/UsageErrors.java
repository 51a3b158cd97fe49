package io.schemagate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line in one line on stderr: the one wrong thing and the command's usage, instead
 * of picocli's full help, which buries the message under seventy lines of options.
 */
final class UsageErrors implements IParameterExceptionHandler {
  private final SchemagateCommand root;

  UsageErrors(SchemagateCommand root) {
    this.root = root;
  }

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandSpec spec = failure.getCommandLine().getCommandSpec();
    String line =
        "error: "
            + what(failure, spec)
            + " (usage: "
            + usage(spec)
            + "; '"
            + spec.qualifiedName()
            + " --help' lists every option)";
    PrintStream err = root.err;
    err.println(root.redactor.and(argumentSecrets(args)).redact(line));
    return ExitCodes.USAGE;
  }

  /** The message, with the hints a user of Alembic or of earlier versions needs. */
  private static String what(ParameterException failure, CommandSpec spec) {
    if (failure instanceof UnmatchedArgumentException unmatched) {
      List<String> arguments = unmatched.getUnmatched();
      String first = arguments.isEmpty() ? "" : arguments.get(0);
      if (first.equals("-m") || first.startsWith("-m=")) {
        return "-m is the message of create and revision, as in Alembic; give the migrations"
            + " folder with --migrations-dir or MIGRATIONS_DIR";
      }
      List<String> suggestions = unmatched.getSuggestions();
      boolean command = spec.subcommands().size() > 0 && !first.startsWith("-");
      String unknown =
          (command
                  ? "unknown command '"
                  : first.startsWith("-") ? "unknown option '" : "unexpected argument '")
              + first
              + "'";
      return suggestions.isEmpty()
          ? unknown
          : unknown + "; did you mean " + String.join(" or ", suggestions) + "?";
    }
    return failure.getMessage();
  }

  /** {@code schemagate downgrade [OPTIONS] [STEPS|VERSION]}: the command and its arguments. */
  static String usage(CommandSpec spec) {
    String positionals =
        spec.positionalParameters().stream()
            .filter(p -> !p.hidden())
            .map(UsageErrors::label)
            .collect(Collectors.joining(" "));
    String commands = spec.subcommands().isEmpty() ? "" : " COMMAND";
    return (spec.qualifiedName() + " [OPTIONS]" + commands + " " + positionals).strip();
  }

  private static String label(PositionalParamSpec parameter) {
    String label = parameter.paramLabel();
    return parameter.arity().min() == 0 ? "[" + label + "]" : label;
  }

  /** A password given on the command line is masked even when the line fails to parse. */
  private static io.schemagate.db.Redactor argumentSecrets(String[] args) {
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--password=")) {
        values.add(args[i].substring("--password=".length()));
      } else if (args[i].equals("--password") && i + 1 < args.length) {
        values.add(args[i + 1]);
      }
    }
    return io.schemagate.db.Redactor.of(values);
  }
}
