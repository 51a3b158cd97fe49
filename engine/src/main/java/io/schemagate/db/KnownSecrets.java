package io.schemagate.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values this process knows, by owner (a resource of the operator, the CLI run), for the
 * log output: a driver or pool logging at debug level repeats URLs and values it was given, and the
 * log encoder replaces every value known here. Owners replace their values on each use and forget
 * them when they go away, so the set stays as large as the number of targets.
 */
public final class KnownSecrets {
  private static final Map<String, Redactor> BY_OWNER = new ConcurrentHashMap<>();
  private static volatile Redactor all = Redactor.none();

  private KnownSecrets() {}

  /** Records the secrets of {@code owner}, replacing what it had before. */
  public static void set(String owner, Redactor secrets) {
    Redactor previous =
        secrets.values().isEmpty() ? BY_OWNER.remove(owner) : BY_OWNER.put(owner, secrets);
    if (previous == null ? !secrets.values().isEmpty() : !previous.equals(secrets)) {
      rebuild();
    }
  }

  /** Forgets the secrets of {@code owner}. */
  public static void forget(String owner) {
    if (BY_OWNER.remove(owner) != null) {
      rebuild();
    }
  }

  /** The secrets of {@code owner}, or none. */
  public static Redactor of(String owner) {
    return BY_OWNER.getOrDefault(owner, Redactor.none());
  }

  /** Replaces every known secret in {@code text}. */
  public static String redact(String text) {
    return all.redact(text);
  }

  private static synchronized void rebuild() {
    Redactor union = Redactor.none();
    for (Redactor redactor : BY_OWNER.values()) {
      union = union.and(redactor);
    }
    all = union;
  }
}
