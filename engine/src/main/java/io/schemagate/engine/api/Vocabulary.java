package io.schemagate.engine.api;

/**
 * How the adapter in front of the engine names its inputs and remedies, so that every refusal is
 * written once, here, and still tells each user what to type or set.
 *
 * @param target what the target version is called ("Version" on the command line, "spec.target" in
 *     a resource)
 * @param repair how to run a repair ("run `repair`", or the annotation that asks for one)
 * @param outOfOrder how to allow an out-of-order migration
 * @param settings where a Flyway setting is given, followed by its name ("--flyway ",
 *     "spec.flyway.")
 */
public record Vocabulary(String target, String repair, String outOfOrder, String settings) {
  /** The command line's words, also used by the embedding API. */
  public static final Vocabulary COMMAND_LINE =
      new Vocabulary("Version", "run `repair`", "--out-of-order (outOfOrder)", "--flyway ");

  /** Where the Flyway setting {@code name} is given. */
  public String flywaySetting(String name) {
    return settings + name;
  }
}
