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
}
