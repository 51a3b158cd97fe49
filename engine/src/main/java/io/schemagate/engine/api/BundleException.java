package io.schemagate.engine.api;

import java.util.List;

/** A bundle that cannot be used; each problem names the file and the reason. */
public class BundleException extends RuntimeException {
  private final List<String> problems;

  public BundleException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** One problem on one line; several, one line each under the bundle's name. */
  private static String message(String source, List<String> problems) {
    return problems.size() == 1
        ? "Invalid migration bundle " + source + ": " + problems.get(0)
        : "Invalid migration bundle " + source + ":\n  - " + String.join("\n  - ", problems);
  }

  public List<String> problems() {
    return problems;
  }
}
