package io.schemagate.engine.api;

import io.schemagate.db.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/** Reads migration files into a {@link Bundle} and rejects what Flyway could not run safely. */
public final class BundleLoader {
  /** Subfolders whose scripts override common ones for one database. */
  public static final Set<String> DATABASE_FOLDERS =
      Stream.of(DatabaseKind.values()).map(DatabaseKind::folder).collect(Collectors.toSet());

  private BundleLoader() {}

  /**
   * Reads the scripts, their {@code .conf} files and a {@code flyway.conf} or {@code flyway.toml}
   * from a folder and its database subfolders. Other files (a README, a kustomization.yaml) are
   * left alone.
   */
  public static Bundle fromDirectory(Path directory) {
    return fromDirectory(directory, FlywayOptions.none());
  }

  /**
   * The Flyway settings of a folder's {@code flyway.conf} or {@code flyway.toml} (none when it has
   * neither, or is missing) with {@code overrides} on top, for a folder that may hold no script
   * yet.
   *
   * @throws BundleException when a setting is refused, unknown or malformed
   */
  public static FlywayOptions options(Path directory, FlywayOptions overrides) {
    return checkedOptions(directory.toString(), readConfigs(directory), overrides);
  }

  /**
   * The bundle's own settings file with {@code overrides} on top, every setting checked.
   *
   * @throws BundleException listing every refused, unknown or malformed setting
   */
  private static FlywayOptions checkedOptions(
      String source, Map<String, byte[]> files, FlywayOptions overrides) {
    List<String> problems = new ArrayList<>();
    FlywayOptions options = fileOptions(files, problems).overriddenBy(overrides);
    problems.addAll(options.problems());
    if (!problems.isEmpty()) {
      throw new BundleException(source, problems);
    }
    return options;
  }

  /** The folder's {@code flyway.conf} and {@code flyway.toml}, those it has, by name. */
  private static Map<String, byte[]> readConfigs(Path directory) {
    Map<String, byte[]> files = new TreeMap<>();
    try {
      for (String config : Bundle.CONFIG_FILES) {
        Path file = directory.resolve(config);
        if (Files.isRegularFile(file)) {
          files.put(config, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the migrations folder " + directory, e);
    }
    return files;
  }

  /**
   * Reads a folder as {@link #fromDirectory(Path)} does, with {@code overrides} on top of its own
   * Flyway settings.
   */
  public static Bundle fromDirectory(Path directory, FlywayOptions overrides) {
    return fromDirectory(directory, overrides, BundleLimits.DEFAULT);
  }

  /** Reads a folder as {@link #fromDirectory(Path, FlywayOptions)} does, within {@code limits}. */
  public static Bundle fromDirectory(Path directory, FlywayOptions overrides, BundleLimits limits) {
    if (!Files.isDirectory(directory)) {
      throw new BundleException(
          directory.toString(),
          List.of(
              "the folder does not exist or is not a folder; point MIGRATIONS_DIR"
                  + " (or --migrations-dir) at the folder holding the V<version>__*.sql files"));
    }
    Map<String, byte[]> files = readConfigs(directory);
    try {
      // The folder's own settings may rename the scripts (suffixes), so they are read first.
      Naming naming;
      try {
        naming = fileOptions(files, new ArrayList<>()).overriddenBy(overrides).naming();
      } catch (RuntimeException e) {
        naming = Naming.DEFAULT; // fromFiles reports the broken setting
      }
      try (Stream<Path> walk = Files.walk(directory, 2)) {
        for (Path file : (Iterable<Path>) walk::iterator) {
          if (!Files.isRegularFile(file) || !naming.isScriptFile(file.getFileName().toString())) {
            continue;
          }
          String relative = directory.relativize(file).toString().replace('\\', '/');
          files.put(relative, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the migrations folder " + directory, e);
    }
    return fromFiles(directory.toString(), files, limits, overrides);
  }

  /**
   * Builds a bundle from named contents, checking every file.
   *
   * @param source where the files came from, for messages
   * @param files path ({@code V1__x.sql} or {@code postgresql/V1__x.sql}) to raw bytes
   * @throws BundleException listing every problem, each naming the file
   */
  public static Bundle fromFiles(String source, Map<String, byte[]> files) {
    return fromFiles(source, files, BundleLimits.DEFAULT);
  }

  /**
   * Builds a bundle from named contents within {@code limits}, checking every file.
   *
   * @throws BundleException listing every problem, each naming the file
   */
  public static Bundle fromFiles(String source, Map<String, byte[]> files, BundleLimits limits) {
    return fromFiles(source, files, limits, FlywayOptions.none());
  }

  /**
   * Builds a bundle from named contents within {@code limits}, its own Flyway settings overridden
   * by {@code overrides}, checking every file and setting. Files that are neither scripts nor
   * settings are left out.
   *
   * @throws BundleException listing every problem, each naming the file or setting
   */
  public static Bundle fromFiles(
      String source, Map<String, byte[]> files, BundleLimits limits, FlywayOptions overrides) {
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    String tooLarge = limits.check(files.size(), total);
    if (tooLarge != null) {
      throw new BundleException(source, List.of(tooLarge));
    }
    FlywayOptions options = checkedOptions(source, files, overrides);
    List<String> problems = new ArrayList<>();
    Naming naming = options.naming();
    List<String> callbackFolders = options.callbackFolders();
    files = CallbackFolders.inFolders(files, callbackFolders);
    SortedMap<String, String> texts = new TreeMap<>();
    for (String config : Bundle.CONFIG_FILES) {
      if (files.containsKey(config)) {
        texts.put(config, new String(files.get(config), StandardCharsets.UTF_8));
      }
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (Bundle.CONFIG_FILES.contains(path) || !naming.isScriptFile(name)) {
        continue;
      }
      String pathProblem = checkPath(path, callbackFolders);
      if (pathProblem != null) {
        problems.add(path + ": " + pathProblem);
        continue;
      }
      if (!name.endsWith(".conf")) {
        try {
          Optional<ScriptName> parsed = naming.parse(name);
          if (parsed.isEmpty()) {
            continue;
          }
          String placement = CallbackFolders.placement(path, parsed.get(), callbackFolders);
          if (placement != null) {
            problems.add(path + ": " + placement);
            continue;
          }
        } catch (IllegalArgumentException e) {
          problems.add(path + ": " + e.getMessage());
          continue;
        }
      }
      String text = decode(file.getValue(), path, limits, naming, problems);
      if (text != null) {
        texts.put(path, text);
      }
    }
    problems.addAll(CallbackFolders.sameNames(texts.keySet(), callbackFolders));
    // Only readable, well-named files reach these checks, so every problem is listed at once.
    problems.addAll(ScriptConfigs.problems(texts));
    checkVersions(source, texts, options, problems);
    if (!problems.isEmpty()) {
      throw new BundleException(source, problems);
    }
    Bundle bundle = new Bundle(source, texts, digest(texts), options);
    boolean migrations =
        Stream.of(DatabaseKind.values())
            .flatMap(kind -> bundle.forDatabase(kind).scripts().values().stream())
            .anyMatch(script -> script.type() != ScriptType.CALLBACK);
    if (!migrations) {
      throw new BundleException(
          source,
          List.of(
              "it holds no migration scripts ("
                  + naming.versionedPrefix()
                  + "<version>"
                  + naming.separator()
                  + "<description>"
                  + naming.suffixes().get(0)
                  + ")"));
    }
    return bundle;
  }

  /**
   * The settings of the bundle's own {@code flyway.conf} or {@code flyway.toml}; a problem with
   * them is added to {@code problems}.
   */
  private static FlywayOptions fileOptions(Map<String, byte[]> files, List<String> problems) {
    if (files.containsKey("flyway.conf") && files.containsKey("flyway.toml")) {
      problems.add("flyway.conf, flyway.toml: the bundle holds both; keep one");
      return FlywayOptions.none();
    }
    try {
      if (files.containsKey("flyway.conf")) {
        return FlywayOptions.fromConf(
            new String(files.get("flyway.conf"), StandardCharsets.UTF_8), "flyway.conf");
      }
      if (files.containsKey("flyway.toml")) {
        return FlywayOptions.fromToml(
            new String(files.get("flyway.toml"), StandardCharsets.UTF_8), "flyway.toml");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return FlywayOptions.none();
  }

  private static String checkPath(String path, List<String> callbackFolders) {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || path.contains("\0")
        || path.matches("^[A-Za-z]:.*")) {
      return "the name must be a plain relative file name";
    }
    String[] parts = path.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return "the name tries to leave the migrations folder";
      }
    }
    if (parts.length > 2) {
      return "scripts may sit only at the top of the bundle or in one of the database folders "
          + String.join("/, ", new TreeSet<>(DATABASE_FOLDERS))
          + "/";
    }
    if (parts.length == 2
        && !DATABASE_FOLDERS.contains(parts[0])
        && !callbackFolders.contains(parts[0])) {
      return "'"
          + parts[0]
          + "' is not a database folder; use one of "
          + String.join(", ", new TreeSet<>(DATABASE_FOLDERS))
          + " (a folder of callbacks is named in callbackLocations)";
    }
    return null;
  }

  private static String decode(
      byte[] bytes, String path, BundleLimits limits, Naming naming, List<String> problems) {
    if (bytes.length > limits.maxScriptBytes()) {
      problems.add(
          String.format(
              "%s: the file is %.1f MiB; a script may be at most %s MiB, split it into several",
              path, bytes.length / 1048576.0, BundleLimits.mib(limits.maxScriptBytes())));
      return null;
    }
    String text;
    try {
      text =
          naming
              .encoding()
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      String encoding = naming.encoding().name();
      problems.add(
          path
              + ": the file is not valid "
              + encoding
              + "; save it as "
              + encoding
              + ", or set flyway.encoding to the encoding it is written in");
      return null;
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      problems.add(path + ": the file is binary (it holds a NUL character at offset " + nul + ")");
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      problems.add(path + ": the file is empty");
      return null;
    }
    return text;
  }

  private static void checkVersions(
      String source, Map<String, String> texts, FlywayOptions options, List<String> problems) {
    Bundle unchecked = new Bundle(source, new TreeMap<>(texts), "", options);
    Set<String> reported = new HashSet<>();
    for (DatabaseKind kind : DatabaseKind.values()) {
      ScriptSet scripts = unchecked.forDatabase(kind);
      Map<MigrationVersion, Script> versions = new HashMap<>();
      Map<MigrationVersion, Script> undos = new HashMap<>();
      Map<MigrationVersion, Script> baselines = new HashMap<>();
      for (Script script : scripts.scripts().values()) {
        if (script.type() == ScriptType.REPEATABLE || script.type() == ScriptType.CALLBACK) {
          continue;
        }
        Map<MigrationVersion, Script> seen =
            switch (script.type()) {
              case VERSIONED -> versions;
              case UNDO -> undos;
              default -> baselines;
            };
        Script other = seen.putIfAbsent(MigrationVersion.fromVersion(script.version()), script);
        if (other != null) {
          String problem =
              script.path()
                  + ": version "
                  + script.version()
                  + " is also used by "
                  + other.path()
                  + "; every version needs exactly one script (branches that met: `merge`"
                  + " renumbers the unapplied one after head)";
          if (reported.add(problem)) {
            problems.add(problem);
          }
        }
      }
      for (Map.Entry<MigrationVersion, Script> undo : undos.entrySet()) {
        if (!versions.containsKey(undo.getKey())) {
          String problem =
              undo.getValue().path()
                  + ": it undoes version "
                  + undo.getValue().version()
                  + " but there is no V"
                  + undo.getValue().version()
                  + "__*.sql script for "
                  + kind.folder();
          if (reported.add(problem)) {
            problems.add(problem);
          }
        }
      }
    }
  }

  static String digest(SortedMap<String, String> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> file : texts.entrySet()) {
        sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
