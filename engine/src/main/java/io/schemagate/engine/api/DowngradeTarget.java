package io.schemagate.engine.api;

/**
 * How far a downgrade goes: a number of steps, or down to a version (that version stays applied;
 * {@code 0} undoes everything).
 */
public record DowngradeTarget(int steps, String version) {
  public DowngradeTarget {
    if ((version == null) == (steps <= 0)) {
      throw new IllegalArgumentException("Give either a positive number of steps or a version");
    }
  }

  public static DowngradeTarget steps(int steps) {
    return new DowngradeTarget(steps, null);
  }

  public static DowngradeTarget toVersion(String version) {
    return new DowngradeTarget(0, version);
  }
}
