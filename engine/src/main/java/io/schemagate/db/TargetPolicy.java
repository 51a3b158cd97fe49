package io.schemagate.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who chose the database, and so what a URL may say. The CLI and the embedding API run for a
 * trusted local user ({@link #trusted()}): every database kind and every driver parameter. The
 * operator parses a tenant's URL with {@link #tenant}: network databases only, parameters from an
 * allow-list, dangerous driver features forced off, and H2 or SQLite only where an administrator
 * allowed them, confined below a folder of the resource's namespace. One parser reads both.
 *
 * @param strict parameters from {@link DriverPolicy}'s allow-list only, driver features forced off
 * @param localRoot the folder that H2 and SQLite files must stay below, or {@code null} when local
 *     databases are refused (always set for trusted use, where it is not checked)
 * @param namespace the tenant's namespace, which also names its in-memory H2 databases; null when
 *     trusted
 */
public record TargetPolicy(boolean strict, Path localRoot, String namespace) {
  /** The operator flag that allows H2 and SQLite targets; named in every refusal. */
  public static final String LOCAL_DATABASES_FLAG = "--allow-local-databases";

  private static final TargetPolicy TRUSTED = new TargetPolicy(false, Path.of(""), null);

  public TargetPolicy {
    if (strict) {
      Objects.requireNonNull(namespace, "a tenant policy needs the tenant's namespace");
    }
  }

  /** A trusted local user: the CLI and applications that embed the engine. */
  public static TargetPolicy trusted() {
    return TRUSTED;
  }

  /**
   * A tenant of the operator.
   *
   * @param localDataDir the operator's data folder when H2 and SQLite are allowed; the tenant's
   *     files then live in {@code <localDataDir>/<namespace>/}
   */
  public static TargetPolicy tenant(String namespace, Optional<Path> localDataDir) {
    return new TargetPolicy(
        true,
        localDataDir.map(dir -> dir.toAbsolutePath().normalize().resolve(namespace)).orElse(null),
        namespace);
  }

  /** H2 and SQLite may be used. */
  public boolean allowsLocalDatabases() {
    return !strict || localRoot != null;
  }
}
