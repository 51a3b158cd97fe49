package io.schemagate.operator;

/** Something about a resource's references or spec that stops work, with its reason. */
public class Problem extends RuntimeException {
  private final Reason reason;

  public Problem(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

  /**
   * Refuses a reference that is not a plain object name: a '/' would reach another namespace or
   * another API path, and a resource may use objects of its own namespace only.
   */
  static String checkName(String kind, String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new Problem(
          Reason.InvalidSpec,
          field
              + " '"
              + name
              + "' is not a "
              + kind
              + " name; a DatabaseMigration can only use"
              + " "
              + kind
              + "s of its own namespace, named by plain names");
    }
    return name;
  }
}
