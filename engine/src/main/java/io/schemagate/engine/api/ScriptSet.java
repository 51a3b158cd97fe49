package io.schemagate.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationVersion;

/** The scripts of a bundle as one database sees them, after per-database overrides. */
public final class ScriptSet {
  private final String source;
  private final Map<String, Script> scripts;
  private final Map<String, String> configs;

  private ScriptSet(String source, Map<String, Script> scripts, Map<String, String> configs) {
    this.source = source;
    this.scripts = Collections.unmodifiableMap(scripts);
    this.configs = Collections.unmodifiableMap(configs);
  }

  static ScriptSet resolve(Bundle bundle, String folder) {
    Map<String, Script> scripts = new TreeMap<>();
    Map<String, String> configs = new TreeMap<>();
    String prefix = folder + "/";
    Naming naming = bundle.naming();
    List<String> callbackFolders = bundle.options().callbackFolders();
    // Common files first, then the database's own folder, which replaces same-named files.
    for (boolean own : new boolean[] {false, true}) {
      for (Map.Entry<String, String> file : bundle.files().entrySet()) {
        String path = file.getKey();
        boolean inFolder = path.contains("/");
        String parent = inFolder ? path.substring(0, path.indexOf('/')) : "";
        if (!own && callbackFolders.contains(parent)) {
          // Callbacks of a callbackLocations folder, for every database; kept by their path so
          // that two folders may hold the same event, as in Flyway.
          String name = path.substring(parent.length() + 1);
          naming
              .parse(name)
              .ifPresent(
                  parsed -> scripts.put(path, new Script(name, path, file.getValue(), parsed)));
          continue;
        }
        if (own ? !path.startsWith(prefix) : inFolder) {
          continue;
        }
        String name = own ? path.substring(prefix.length()) : path;
        if (Bundle.CONFIG_FILES.contains(path)) {
          continue;
        }
        if (name.endsWith(".conf")) {
          configs.put(name, file.getValue());
        } else {
          naming
              .parse(name)
              .ifPresent(
                  parsed -> scripts.put(name, new Script(name, path, file.getValue(), parsed)));
        }
      }
    }
    return new ScriptSet(bundle.source(), scripts, configs);
  }

  public String source() {
    return source;
  }

  /** Every script by file name. */
  public Map<String, Script> scripts() {
    return scripts;
  }

  /** Flyway script configuration files ({@code V3__x.sql.conf}) by file name. */
  public Map<String, String> configs() {
    return configs;
  }

  /** Versioned scripts in Flyway version order. */
  public List<Script> versioned() {
    return ofType(ScriptType.VERSIONED);
  }

  public Optional<Script> versioned(String version) {
    return find(ScriptType.VERSIONED, version);
  }

  public Optional<Script> undoFor(String version) {
    return find(ScriptType.UNDO, version);
  }

  /** Baseline migrations ({@code B5__x.sql}) in Flyway version order. */
  public List<Script> baselines() {
    return ofType(ScriptType.BASELINE);
  }

  /** Callbacks ({@code afterMigrate.sql}) by file name. */
  public List<Script> callbacks() {
    return ofType(ScriptType.CALLBACK);
  }

  /** The callbacks a migrate runs ({@link Naming#MIGRATE_EVENTS}), by file name. */
  public List<Script> migrateCallbacks() {
    return callbacks().stream()
        .filter(
            script ->
                Naming.MIGRATE_EVENTS.stream()
                    .anyMatch(
                        event ->
                            script.name().startsWith(event)
                                && (script.name().length() == event.length()
                                    || !Character.isLetterOrDigit(
                                        script.name().charAt(event.length())))))
        .toList();
  }

  /** The highest version of a versioned or baseline script, if the bundle has one. */
  public Optional<String> latestVersion() {
    List<Script> all = new ArrayList<>(versioned());
    all.addAll(baselines());
    return all.stream()
        .map(Script::version)
        .max(Comparator.comparing(MigrationVersion::fromVersion));
  }

  /**
   * The version a target names, as the bundle spells it.
   *
   * @param target a version, or {@code null}, blank, "head" or "latest" for the bundle's head
   * @return the version, or {@code null} for the head of a bundle without versioned scripts
   * @throws EngineException when the target is not a version, or not one of the bundle
   */
  public String resolveTarget(String target, Vocabulary vocabulary) {
    if (!namesVersion(target)) {
      return latestVersion().orElse(null);
    }
    String wanted =
        Versions.parse(target)
            .orElseThrow(
                () ->
                    new EngineException(
                        FailureKind.INVALID_INPUT,
                        vocabulary.target()
                            + " '"
                            + target
                            + "' is not a version: use 'latest', or digits separated by"
                            + " dots like 7 or 1.2"));
    return versioned(wanted)
        .or(() -> find(ScriptType.BASELINE, wanted))
        .map(Script::version)
        .orElseThrow(() -> notInBundle(wanted, vocabulary));
  }

  /**
   * True when {@code target} names a version rather than the bundle's head ({@code null}, blank,
   * {@code head}, {@code latest}): only a named version below the applied one is a downgrade.
   */
  public static boolean namesVersion(String target) {
    return target != null
        && !target.isBlank()
        && !target.equalsIgnoreCase("head")
        && !target.equalsIgnoreCase("latest");
  }

  /** The refusal of a version the bundle does not have, listing the versions it has. */
  public EngineException notInBundle(String version, Vocabulary vocabulary) {
    List<String> versions =
        scripts.values().stream()
            .filter(s -> s.type() == ScriptType.VERSIONED || s.type() == ScriptType.BASELINE)
            .map(Script::version)
            .distinct()
            .sorted(Comparator.comparing(MigrationVersion::fromVersion))
            .toList();
    return new EngineException(
        FailureKind.TARGET_NOT_FOUND,
        vocabulary.target()
            + " "
            + version
            + " is not in the bundle; its versions are "
            + (versions.isEmpty() ? "(none)" : String.join(", ", versions)));
  }

  private Optional<Script> find(ScriptType type, String version) {
    MigrationVersion wanted = MigrationVersion.fromVersion(version);
    return scripts.values().stream()
        .filter(s -> s.type() == type)
        .filter(s -> MigrationVersion.fromVersion(s.version()).equals(wanted))
        .findFirst();
  }

  private List<Script> ofType(ScriptType type) {
    List<Script> list = new ArrayList<>();
    for (Script script : scripts.values()) {
      if (script.type() == type) {
        list.add(script);
      }
    }
    if (type != ScriptType.REPEATABLE && type != ScriptType.CALLBACK) {
      list.sort(Comparator.comparing(s -> MigrationVersion.fromVersion(s.version())));
    }
    return list;
  }
}
