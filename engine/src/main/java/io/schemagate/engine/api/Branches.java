package io.schemagate.engine.api;

import io.schemagate.db.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Alembic's branches in Flyway's linear history: versioned scripts that share a version (two
 * branches each added the next number) or arrived below the applied version (a merged branch with
 * older numbers). {@link #merge} renumbers a branch's unapplied scripts after head, so the history
 * stays linear. Reads file names only, so it works on a folder the bundle loader would refuse.
 */
public final class Branches {
  /** The header line {@code create --branch-label} writes, read back by {@link #merge}. */
  static final Pattern LABEL = Pattern.compile("(?m)^--\\s*branch:\\s*(\\S+)\\s*$");

  private final Path directory;
  private final Naming naming;
  private final List<Tip> scripts;
  private final Optional<String> applied;

  /**
   * One versioned script.
   *
   * @param file the script, relative to the migrations folder
   * @param label its branch label, if {@code create --branch-label} wrote one
   * @param applied whether the history holds it
   */
  public record Tip(Path file, String version, String description, String label, boolean applied) {
    public String name() {
      return file.toString();
    }
  }

  /**
   * A branch: the scripts that make the history fork at one version.
   *
   * @param reason why it is a branch, for people
   * @param tips the scripts of the branch; for a collision, all that share the version
   */
  public record Branch(String version, Kind kind, String reason, List<Tip> tips) {}

  /** How a branch arose. */
  public enum Kind {
    /** Two or more scripts carry one version. */
    COLLISION,
    /** A version that arrived after a higher one was applied. */
    OUT_OF_ORDER
  }

  /**
   * One rename of {@link #merge}.
   *
   * @param from the old file, relative to the migrations folder
   * @param to the new file
   */
  public record Rename(Path from, Path to) {}

  private Branches(Path directory, Naming naming, List<Tip> scripts, Optional<String> applied) {
    this.directory = directory;
    this.naming = naming;
    this.scripts = scripts;
    this.applied = applied;
  }

  /**
   * Reads a migrations folder and what the history holds.
   *
   * @param history the history rows (empty for a database without history)
   */
  public static Branches read(Path directory, Naming naming, List<HistoryEntry> history) {
    Set<String> appliedScripts =
        history.stream()
            .filter(HistoryEntry::applied)
            .map(HistoryEntry::script)
            .collect(Collectors.toSet());
    Optional<String> applied =
        history.stream()
            .filter(HistoryEntry::applied)
            .map(HistoryEntry::version)
            .filter(v -> v != null)
            .max(Versions::compare);
    List<Tip> scripts = new ArrayList<>();
    for (Path file : files(directory, naming)) {
      Optional<ScriptName> name = naming.parse(file.getFileName().toString());
      if (name.isPresent() && name.get().type() == ScriptType.VERSIONED) {
        String fileName = file.getFileName().toString();
        scripts.add(
            new Tip(
                directory.relativize(file),
                name.get().version().replace('_', '.'),
                name.get().description(),
                label(file, naming.encoding()),
                appliedScripts.contains(fileName)));
      }
    }
    scripts.sort(Comparator.comparing(Tip::version, Versions::compare).thenComparing(Tip::name));
    return new Branches(directory, naming, List.copyOf(scripts), applied);
  }

  /** The highest version of a script that is not on a branch. */
  public Optional<String> head() {
    Set<Tip> branched =
        branches().stream().flatMap(b -> b.tips().stream()).collect(Collectors.toSet());
    return scripts.stream()
        .filter(t -> !branched.contains(t) || t.applied())
        .map(Tip::version)
        .max(Versions::compare);
  }

  /** Every branch, lowest version first; empty when the history is linear. */
  public List<Branch> branches() {
    Map<String, List<Tip>> byVersion = new TreeMap<>(Versions::compare);
    for (Tip tip : commonScripts()) {
      byVersion.computeIfAbsent(tip.version(), v -> new ArrayList<>()).add(tip);
    }
    List<Branch> branches = new ArrayList<>();
    for (Map.Entry<String, List<Tip>> entry : byVersion.entrySet()) {
      List<Tip> tips = entry.getValue();
      if (tips.size() > 1) {
        branches.add(
            new Branch(
                entry.getKey(),
                Kind.COLLISION,
                tips.size()
                    + " scripts share version "
                    + entry.getKey()
                    + "; merge renumbers the unapplied ones after head",
                tips));
      } else if (!tips.get(0).applied()
          && applied.isPresent()
          && Versions.compare(entry.getKey(), applied.get()) < 0) {
        branches.add(
            new Branch(
                entry.getKey(),
                Kind.OUT_OF_ORDER,
                "arrived after "
                    + applied.get()
                    + " was applied; merge renumbers it after head, or upgrade --out-of-order"
                    + " applies it as it is",
                tips));
      }
    }
    return branches;
  }

  /**
   * Renames the unapplied scripts of every branch to versions after head, lowest first, with their
   * undo scripts, {@code .conf} files and database-specific variants, so the history is linear. In
   * a collision the applied script keeps its version; if none is applied, the one the arguments
   * leave (they name the branches that move), or else the one without a branch label.
   *
   * @param moving branch labels or file names of the scripts that move after head ({@code main} and
   *     {@code head} name the main line, which stays)
   * @return every rename, in the order done; empty when there is no branch
   * @throws EngineException when a collision leaves it open which script keeps the version
   */
  public List<Rename> merge(List<String> moving) {
    List<String> named =
        moving.stream().filter(m -> !m.equals("main") && !m.equals("head")).toList();
    List<Tip> moved = new ArrayList<>();
    for (Branch branch : branches()) {
      if (branch.kind() == Kind.OUT_OF_ORDER) {
        moved.addAll(branch.tips());
        continue;
      }
      Tip stays = staying(branch, named);
      branch.tips().stream().filter(t -> t != stays).forEach(moved::add);
    }
    for (Tip tip : moved) {
      if (tip.applied()) {
        throw new EngineException(FailureKind.REFUSED, Refusals.mergeApplied(tip.name()));
      }
    }
    Set<Tip> movedSet = Set.copyOf(moved);
    String head =
        scripts.stream()
            .filter(t -> !movedSet.contains(t))
            .map(Tip::version)
            .max(Versions::compare)
            .orElse("0");
    List<Rename> renames = new ArrayList<>();
    String next = head;
    for (Tip tip : moved) {
      next = ScriptWriter.nextVersion(Optional.of(next));
      renames.addAll(renumber(tip, next));
    }
    for (Rename rename : renames) {
      try {
        Files.move(directory.resolve(rename.from()), directory.resolve(rename.to()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot rename " + rename.from() + " to " + rename.to() + " in " + directory, e);
      }
    }
    return renames;
  }

  private static Tip staying(Branch branch, List<String> named) {
    List<Tip> applied = branch.tips().stream().filter(Tip::applied).toList();
    if (applied.size() == 1) {
      return applied.get(0);
    }
    List<Tip> left = branch.tips().stream().filter(t -> !isNamed(t, named)).toList();
    if (left.size() > 1) {
      left = left.stream().filter(t -> t.label() == null).toList();
    }
    if (left.size() != 1) {
      throw new EngineException(
          FailureKind.INVALID_INPUT,
          branch.tips().stream().map(Tip::name).collect(Collectors.joining(" and "))
              + " share version "
              + branch.version()
              + " and none is applied: name the branches that move after head (merge <branch"
              + " label> or merge "
              + branch.tips().get(branch.tips().size() - 1).name()
              + ")");
    }
    return left.get(0);
  }

  private static boolean isNamed(Tip tip, List<String> named) {
    return named.contains(tip.name())
        || named.contains(tip.file().getFileName().toString())
        || (tip.label() != null && named.contains(tip.label()));
  }

  /** The renames that give one script {@code version}: itself, its undo, .conf and variants. */
  private List<Rename> renumber(Tip tip, String version) {
    String oldStem =
        tip.file().getFileName().toString().substring(naming.versionedPrefix().length());
    String rest = oldStem.substring(oldStem.indexOf(naming.separator()));
    String oldVersionPart = oldStem.substring(0, oldStem.indexOf(naming.separator()));
    List<String> prefixes = List.of(naming.versionedPrefix(), naming.undoPrefix());
    List<Path> folders = new ArrayList<>();
    folders.add(Path.of(""));
    for (DatabaseKind kind : DatabaseKind.values()) {
      folders.add(Path.of(kind.folder()));
    }
    Map<Path, Path> renames = new LinkedHashMap<>();
    for (Path folder : folders.stream().distinct().toList()) {
      for (String prefix : prefixes) {
        for (String extension : List.of("", ".conf")) {
          Path from = folder.resolve(prefix + oldVersionPart + rest + extension);
          if (Files.exists(directory.resolve(from))) {
            renames.put(from, folder.resolve(prefix + version + rest + extension));
          }
        }
      }
    }
    return renames.entrySet().stream().map(e -> new Rename(e.getKey(), e.getValue())).toList();
  }

  /** The scripts of the common folder; database folders only vary them, they add no version. */
  private List<Tip> commonScripts() {
    return scripts.stream().filter(t -> t.file().getParent() == null).toList();
  }

  private static List<Path> files(Path directory, Naming naming) {
    if (!Files.isDirectory(directory)) {
      throw new BundleException(
          directory.toString(),
          List.of("the folder does not exist; point MIGRATIONS_DIR (or --migrations-dir) at it"));
    }
    try (Stream<Path> files = Files.walk(directory, 2)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> naming.isScriptFile(p.getFileName().toString()))
          .filter(p -> !p.getFileName().toString().endsWith(".conf"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + directory, e);
    }
  }

  private static String label(Path file, Charset encoding) {
    try {
      String text = Files.readString(file, encoding);
      Matcher matcher = LABEL.matcher(text.substring(0, Math.min(text.length(), 4096)));
      return matcher.find() ? matcher.group(1) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
