package io.schemagate.engine.api;

import java.util.List;
import java.util.Optional;

/**
 * What moving a database to a target would do, read without changing anything: the one plan the
 * command line, the operator and the embedding API all show and act on.
 *
 * @param seen where the database stands and its history, from the same read
 * @param fromVersion the applied version, {@code null} on an empty history
 * @param toVersion the target, resolved against the bundle ({@code null}: the bundle has none)
 * @param direction which way the scripts move the database
 * @param scripts the scripts that would run, in order; a missing undo script is named and marked
 *     "(missing)"
 * @param refusal why the engine would not run this plan, if it would not
 */
public record MigrationPlan(
    Inspection seen,
    String fromVersion,
    String toVersion,
    Direction direction,
    List<String> scripts,
    Optional<Refusal> refusal) {
  public MigrationPlan {
    scripts = List.copyOf(scripts);
  }

  /**
   * This plan cut at {@code version}, from the same read: the versioned scripts up to it and the
   * changed repeatable ones, as an upgrade to that version runs them (a partial upgrade, up to a
   * held contract step).
   */
  public MigrationPlan upTo(String version) {
    if (version == null || direction != Direction.UP || version.equals(toVersion)) {
      return this;
    }
    java.util.Map<String, String> versions = new java.util.HashMap<>();
    status().pending().forEach(p -> versions.put(p.script(), p.version()));
    List<String> kept =
        scripts.stream()
            .filter(s -> versions.get(s) == null || Versions.compare(versions.get(s), version) <= 0)
            .toList();
    return new MigrationPlan(
        seen, fromVersion, version, kept.isEmpty() ? Direction.NONE : Direction.UP, kept, refusal);
  }

  /**
   * This plan, for a command that only goes up: a plan that goes down (a named target below the
   * applied version) becomes a refusal that names {@code remedy}, the command that goes back, in
   * place of any refusal of the downgrade itself.
   */
  public MigrationPlan upward(String remedy) {
    if (direction != Direction.DOWN) {
      return this;
    }
    return refused(Refusals.belowApplied(toVersion, fromVersion, remedy));
  }

  /** This plan, for a downgrade: a plan that would go up becomes a refusal. */
  public MigrationPlan downward() {
    if (direction != Direction.UP || refusal.isPresent()) {
      return this;
    }
    return refused(Refusals.noDowngrade(toVersion));
  }

  /** This plan from the same read, running nothing, refused with {@code message}. */
  private MigrationPlan refused(String message) {
    return new MigrationPlan(
        seen,
        fromVersion,
        toVersion,
        Direction.NONE,
        List.of(),
        Optional.of(new Refusal(FailureKind.REFUSED, message, null)));
  }

  /** Throws the engine's refusal of this plan, if it has one, its message led by the operation. */
  public void throwRefusal(String operation) {
    if (refusal.isPresent()) {
      throw refusal.get().toException(operation);
    }
  }

  /** Where the database stands. */
  public StatusReport status() {
    return seen.status();
  }

  /**
   * True when the database is at a version above the bundle's head (a newer release applied it, and
   * this is the older one: an application rollback), and the plan leaves it there, as Flyway does
   * with its default {@code ignoreMigrationPatterns} of {@code *:future}. Only an explicit target
   * below the applied version asks for a downgrade.
   */
  public boolean ahead() {
    return direction != Direction.DOWN
        && refusal.isEmpty()
        && fromVersion != null
        && toVersion != null
        && Versions.compare(fromVersion, toVersion) > 0;
  }
}
