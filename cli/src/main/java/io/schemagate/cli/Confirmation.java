package io.schemagate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Asks before a command destroys data. On a terminal it shows what will happen and waits for {@code
 * yes}; otherwise it reads one line without a prompt (so {@code yes |} and {@code echo yes |} work)
 * and a script that gives none gets one error line naming {@code --yes}.
 */
final class Confirmation {
  private Confirmation() {}

  /**
   * True when the user confirmed; false after printing why nothing was done.
   *
   * @param what what the command is about to do, e.g. "This drops every table ..."
   * @param details lines shown under it on a terminal (the scripts it will run)
   * @param refusal the error line when not confirmed, without "error: "
   */
  static boolean confirmed(
      SchemagateCommand root, String what, List<String> details, String refusal) {
    if (root.interactive) {
      root.err.println(root.redactor.redact(what));
      details.forEach(line -> root.err.println("  " + line));
      root.err.print("Type 'yes' to continue: ");
      root.err.flush();
    }
    String answer;
    try {
      answer = root.in == null ? null : root.in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // `yes |` sends "y": both words confirm.
    if (answer != null
        && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"))) {
      return true;
    }
    if (root.interactive) {
      root.err.println();
    }
    root.err.println(
        root.redactor.redact(
            "error: " + refusal + "; nothing was changed (type yes, or add --yes for scripts)"));
    return false;
  }
}
