package io.schemagate.engine;

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
 */
public record Bundle(String source, SortedMap<String, String> files, String digest) {
  public Bundle {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** The scripts one database runs: the common ones, overridden by its own folder's. */
  public ScriptSet forDatabase(DatabaseKind kind) {
    return ScriptSet.resolve(this, kind.folder());
  }
}
