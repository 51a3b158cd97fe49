package io.schemagate.engine.api;

import io.schemagate.db.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Writes a new pair of scripts, {@code V<next>__<slug>.sql} and its undo {@code
 * U<next>__<slug>.sql}, named and encoded as the bundle's own settings say ({@link Naming}).
 */
public final class ScriptWriter {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final int MAX_SLUG = 60;

  private final Clock clock;

  public ScriptWriter(Clock clock) {
    this.clock = clock;
  }

  /**
   * The files created by {@link #create}.
   *
   * @param version the version both scripts carry
   */
  public record Created(String version, Path migration, Path undo) {}

  /**
   * The texts of one pair of scripts to write.
   *
   * @param description what the migration does, which names both files
   * @param migration the V script's text
   * @param undo the U script's text
   */
  public record Texts(String description, String migration, String undo) {}

  /**
   * Writes each pair as the next version after the one before it, starting after the bundle's
   * highest (or at the current date and time); nothing is written when one of the files exists.
   *
   * @throws EngineException when a description has no usable characters or a file exists
   */
  public java.util.List<Created> write(
      Path directory, Bundle existing, java.util.List<Texts> pairs, boolean timestamp) {
    Optional<String> latest = latestVersion(existing);
    Naming naming = existing.naming();
    java.util.List<Created> planned = new java.util.ArrayList<>();
    for (Texts pair : pairs) {
      String version = timestamp ? timestampVersion(latest) : nextVersion(latest);
      planned.add(named(directory, naming, version, pair.description()));
      latest = Optional.of(version);
    }
    for (Created created : planned) {
      for (Path file : java.util.List.of(created.migration(), created.undo())) {
        if (Files.exists(file)) {
          throw new EngineException(
              FailureKind.INVALID_INPUT, file + " already exists; choose another description");
        }
      }
    }
    try {
      Files.createDirectories(directory);
      for (int i = 0; i < pairs.size(); i++) {
        write(planned.get(i).migration(), pairs.get(i).migration(), naming.encoding());
        write(planned.get(i).undo(), pairs.get(i).undo(), naming.encoding());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the new scripts into " + directory, e);
    }
    return java.util.List.copyOf(planned);
  }

  /**
   * Creates both scripts in {@code directory}.
   *
   * @param timestamp use the current date and time as the version, so scripts written on parallel
   *     branches never collide; otherwise the next number after the bundle's highest version
   * @throws EngineException when the description has no usable characters or a file exists
   */
  public Created create(Path directory, Bundle existing, String description, boolean timestamp) {
    return create(directory, existing, description, timestamp, null);
  }

  /**
   * Creates both scripts, the migration headed by {@code -- branch: <label>} when a label is given,
   * which {@link Branches#merge} reads to tell a branch's scripts from the main line's.
   */
  public Created create(
      Path directory, Bundle existing, String description, boolean timestamp, String label) {
    Optional<String> latest = latestVersion(existing);
    String version = timestamp ? timestampVersion(latest) : nextVersion(latest);
    Naming naming = existing.naming();
    Created named = named(directory, naming, version, description);
    Path migration = named.migration();
    Path undo = named.undo();
    try {
      Files.createDirectories(directory);
      write(
          migration,
          "-- "
              + description.strip()
              + "\n"
              + (label == null ? "" : "-- branch: " + label + "\n")
              + "-- Write the forward change here.\n\n",
          naming.encoding());
      write(
          undo,
          "-- Undo of "
              + migration.getFileName()
              + ": revert exactly what it does, newest change first.\n\n",
          naming.encoding());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the new scripts into " + directory, e);
    }
    return new Created(version, migration, undo);
  }

  /** The pair's files for {@code version}, named by the description as the bundle names scripts. */
  private static Created named(Path directory, Naming naming, String version, String description) {
    String slug = slug(description);
    if (slug.isEmpty()) {
      throw new EngineException(
          FailureKind.INVALID_INPUT,
          "The description '" + description + "' has no letters or digits to name the script by");
    }
    String name = version + naming.separator() + slug + naming.suffixes().get(0);
    return new Created(
        version,
        directory.resolve(naming.versionedPrefix() + name),
        directory.resolve(naming.undoPrefix() + name));
  }

  private static void write(Path file, String text, java.nio.charset.Charset encoding)
      throws IOException {
    try {
      Files.writeString(file, text, encoding, StandardOpenOption.CREATE_NEW);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new EngineException(
          FailureKind.INVALID_INPUT, file + " already exists; choose another description");
    }
  }

  /** The highest version over the common scripts and every database folder. */
  static Optional<String> latestVersion(Bundle bundle) {
    return Arrays.stream(DatabaseKind.values())
        .map(kind -> bundle.forDatabase(kind).latestVersion())
        .flatMap(Optional::stream)
        .max(Versions::compare);
  }

  /** One more than the major part of the highest version: 5 gives 6, 1.2 gives 2. */
  static String nextVersion(Optional<String> latest) {
    return latest
        .map(v -> MigrationVersion.fromVersion(v).getMajor().add(BigInteger.ONE).toString())
        .orElse("1");
  }

  private String timestampVersion(Optional<String> latest) {
    String now = LocalDateTime.now(clock).format(TIMESTAMP);
    // Two scripts created within one second still get distinct, increasing versions.
    return latest
        .filter(v -> v.matches("\\d{14}") && Versions.compare(v, now) >= 0)
        .map(v -> new BigInteger(v).add(BigInteger.ONE).toString())
        .orElse(now);
  }

  static String slug(String description) {
    String ascii =
        Normalizer.normalize(description, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return slug.length() > MAX_SLUG ? slug.substring(0, MAX_SLUG).replaceAll("_+$", "") : slug;
  }
}
