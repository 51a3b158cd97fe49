package io.schemagate.engine;

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
   * Reads {@code *.sql} and {@code *.sql.conf} files from a folder and its database subfolders.
   * Other files (a README, a kustomization.yaml) are left alone.
   */
  public static Bundle fromDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new BundleException(
          directory.toString(),
          List.of(
              "the folder does not exist or is not a folder; point MIGRATIONS_DIR"
                  + " (or --migrations-dir) at the folder holding the V<version>__*.sql files"));
    }
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory, 2)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(file) || !isMigrationFile(file.getFileName().toString())) {
          continue;
        }
        String relative = directory.relativize(file).toString().replace('\\', '/');
        files.put(relative, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the migrations folder " + directory, e);
    }
    return fromFiles(directory.toString(), files);
  }

  static boolean isMigrationFile(String name) {
    return name.endsWith(".sql") || name.endsWith(".sql.conf");
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
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    String tooLarge = limits.check(files.size(), total);
    if (tooLarge != null) {
      throw new BundleException(source, List.of(tooLarge));
    }
    List<String> problems = new ArrayList<>();
    SortedMap<String, String> texts = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      String pathProblem = checkPath(path);
      if (pathProblem != null) {
        problems.add(path + ": " + pathProblem);
        continue;
      }
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.endsWith(".sql")) {
        try {
          ScriptName.parse(name);
        } catch (IllegalArgumentException e) {
          problems.add(path + ": " + e.getMessage());
          continue;
        }
      }
      String text = decode(file.getValue(), path, limits, problems);
      if (text != null) {
        texts.put(path, text);
      }
    }
    // Only readable, well-named files reach these checks, so every problem is listed at once.
    checkConfigs(texts, problems);
    checkVersions(source, texts, problems);
    if (!problems.isEmpty()) {
      throw new BundleException(source, problems);
    }
    if (texts.keySet().stream().noneMatch(p -> p.endsWith(".sql"))) {
      throw new BundleException(source, List.of("it holds no .sql migration scripts"));
    }
    return new Bundle(source, texts, digest(texts));
  }

  private static String checkPath(String path) {
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
    if (parts.length == 2 && !DATABASE_FOLDERS.contains(parts[0])) {
      return "'"
          + parts[0]
          + "' is not a database folder; use one of "
          + String.join(", ", new TreeSet<>(DATABASE_FOLDERS));
    }
    return null;
  }

  private static String decode(
      byte[] bytes, String path, BundleLimits limits, List<String> problems) {
    if (bytes.length > limits.maxScriptBytes()) {
      problems.add(
          String.format(
              "%s: the file is %.1f MiB; a script may be at most %s MiB, split it into several",
              path, bytes.length / 1048576.0, BundleLimits.mib(limits.maxScriptBytes())));
      return null;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        problems.add(path + ": the file is binary (it holds a NUL byte at offset " + i + ")");
        return null;
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(path + ": the file is not valid UTF-8; save it as UTF-8");
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

  private static void checkConfigs(Map<String, String> texts, List<String> problems) {
    for (String path : texts.keySet()) {
      if (path.endsWith(".conf")) {
        String script = path.substring(0, path.length() - ".conf".length());
        String common = script.substring(script.lastIndexOf('/') + 1);
        if (!texts.containsKey(script) && !texts.containsKey(common)) {
          problems.add(path + ": there is no script " + script + " for this configuration");
        }
      }
    }
  }

  private static void checkVersions(
      String source, Map<String, String> texts, List<String> problems) {
    Bundle unchecked = new Bundle(source, new TreeMap<>(texts), "");
    Set<String> reported = new HashSet<>();
    for (DatabaseKind kind : DatabaseKind.values()) {
      ScriptSet scripts = unchecked.forDatabase(kind);
      Map<MigrationVersion, Script> versions = new HashMap<>();
      Map<MigrationVersion, Script> undos = new HashMap<>();
      for (Script script : scripts.scripts().values()) {
        if (script.type() == ScriptType.REPEATABLE) {
          continue;
        }
        Map<MigrationVersion, Script> seen =
            script.type() == ScriptType.VERSIONED ? versions : undos;
        Script other = seen.putIfAbsent(MigrationVersion.fromVersion(script.version()), script);
        if (other != null) {
          String problem =
              script.path()
                  + ": version "
                  + script.version()
                  + " is also used by "
                  + other.path()
                  + "; every version needs exactly one script (for branches that met, renumber one"
                  + " of them and apply it with --out-of-order)";
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
