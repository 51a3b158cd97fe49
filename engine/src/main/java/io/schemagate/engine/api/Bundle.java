package io.schemagate.engine.api;

import io.schemagate.db.DatabaseKind;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of migration files, path to text, with a sha256 digest of all of them. Paths are
 * file names, or {@code <database>/<file name>} for scripts that override the common script of the
 * same name on that database. Built and checked by {@link BundleLoader}.
 *
 * @param source where the bundle came from, for messages (a folder, a ConfigMap)
 * @param options the Flyway settings of the bundle's {@code flyway.conf} or {@code flyway.toml},
 *     overridden by the ones its user gave
 */
public record Bundle(
    String source, SortedMap<String, String> files, String digest, FlywayOptions options) {
  /** The bundle's own Flyway settings file names, read at its top level only. */
  public static final java.util.List<String> CONFIG_FILES =
      java.util.List.of("flyway.conf", "flyway.toml");

  public Bundle {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public Bundle(String source, SortedMap<String, String> files, String digest) {
    this(source, files, digest, FlywayOptions.none());
  }

  /** How the bundle's scripts are named. */
  public Naming naming() {
    return options.naming();
  }

  /** The scripts one database runs: the common ones, overridden by its own folder's. */
  public ScriptSet forDatabase(DatabaseKind kind) {
    return ScriptSet.resolve(this, kind.folder());
  }
}
