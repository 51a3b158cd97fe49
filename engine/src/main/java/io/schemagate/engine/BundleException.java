package io.schemagate.engine;

import java.util.List;

/** A bundle that cannot be used; each problem names the file and the reason. */
public class BundleException extends RuntimeException {
  private final List<String> problems;

  public BundleException(String source, List<String> problems) {
    super("Invalid migration bundle " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
