package io.schemagate.engine.api;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.pattern.ValidatePattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Flyway settings by Flyway's names, each with where it was set ({@code flyway.conf}, {@code
 * FLYWAY_TABLE}, {@code --table}, {@code spec.flyway.table}), so that a bad value is reported where
 * it was written. Later sources override earlier ones with {@link #overriddenBy}.
 */
public record FlywayOptions(Map<String, Setting> settings) {
  /** One value and where it was set. */
  public record Setting(String value, String origin) {}

  private static final String PLACEHOLDERS = "placeholders.";

  /** The values of {@code executor}. */
  private static final java.util.Set<String> EXECUTORS = java.util.Set.of("schemagate", "flyway");

  /** Whether Flyway's own executor runs the scripts ({@code executor = flyway}). */
  public boolean flywayExecutor() {
    return text("executor").map(v -> v.strip().equals("flyway")).orElse(false);
  }

  public FlywayOptions {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** No settings: Flyway's defaults. */
  public static FlywayOptions none() {
    return new FlywayOptions(Map.of());
  }

  /**
   * These settings plus {@code key}, set at {@code origin}; a null value leaves them as they are.
   */
  public FlywayOptions with(String key, Object value, String origin) {
    if (value == null) {
      return this;
    }
    Map<String, Setting> copy = new LinkedHashMap<>(settings);
    String text =
        value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList())
            : String.valueOf(value);
    copy.put(key, new Setting(text, origin));
    return new FlywayOptions(copy);
  }

  /** These settings, with every one that {@code later} sets replaced by its value. */
  public FlywayOptions overriddenBy(FlywayOptions later) {
    Map<String, Setting> merged = new LinkedHashMap<>(settings);
    merged.putAll(later.settings);
    return new FlywayOptions(merged);
  }

  /**
   * A {@code flyway.conf}: Java properties, every key starting with {@code flyway.}.
   *
   * @throws IllegalArgumentException naming the file, for text that is not a properties file
   */
  public static FlywayOptions fromConf(String text, String file) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a properties file: " + e.getMessage());
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (String name : new java.util.TreeSet<>(properties.stringPropertyNames())) {
      String key = name.startsWith("flyway.") ? name.substring("flyway.".length()) : name;
      settings.put(key, new Setting(properties.getProperty(name).strip(), file + " " + name));
    }
    return new FlywayOptions(settings);
  }

  /**
   * A {@code flyway.toml}: the {@code [flyway]} table and the {@code [environments.*]} tables;
   * other tables (Flyway Desktop's, Redgate Compare's) are not Flyway's migration settings.
   *
   * @throws IllegalArgumentException naming the file, for text that is not TOML
   */
  public static FlywayOptions fromToml(String text, String file) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          file + ": not valid TOML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    JsonNode environments = root.get("environments");
    if (environments != null && environments.isObject()) {
      for (Map.Entry<String, JsonNode> environment : environments.properties()) {
        flatten(environment.getValue(), "", file + " [environments." + environment.getKey() + "]")
            .forEach(settings::put);
      }
    }
    JsonNode flyway = root.get("flyway");
    if (flyway != null && flyway.isObject()) {
      flatten(flyway, "", file + " [flyway]").forEach(settings::put);
    }
    return new FlywayOptions(settings);
  }

  private static Map<String, Setting> flatten(JsonNode node, String prefix, String origin) {
    Map<String, Setting> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        out.putAll(flatten(value, key + ".", origin));
      } else if (value.isArray()) {
        List<String> items = new ArrayList<>();
        value.values().forEach(item -> items.add(item.asString()));
        out.put(key, new Setting(String.join(",", items), origin + " " + key));
      } else {
        out.put(key, new Setting(value.asString(), origin + " " + key));
      }
    }
    return out;
  }

  /**
   * The {@code FLYWAY_*} variables of an environment, by Flyway's rule: {@code
   * FLYWAY_SQL_MIGRATION_PREFIX} is {@code sqlMigrationPrefix}, {@code FLYWAY_PLACEHOLDERS_NAME}
   * the placeholder {@code name}. The connection variables ({@code FLYWAY_URL}, {@code
   * FLYWAY_USER}, {@code FLYWAY_PASSWORD}) and {@code FLYWAY_LOCATIONS} belong to the command
   * line's own options and are left out, as are variables that name no Flyway setting (another
   * tool's).
   */
  public static FlywayOptions fromEnvironment(Map<String, String> environment) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (String variable : new java.util.TreeSet<>(environment.keySet())) {
      if (!variable.startsWith("FLYWAY_")
          || List.of("FLYWAY_URL", "FLYWAY_USER", "FLYWAY_PASSWORD", "FLYWAY_LOCATIONS")
              .contains(variable)) {
        continue;
      }
      String rest = variable.substring("FLYWAY_".length());
      String key =
          rest.startsWith("PLACEHOLDERS_")
              ? PLACEHOLDERS + rest.substring("PLACEHOLDERS_".length()).toLowerCase(Locale.ROOT)
              : camel(rest);
      if (FlywayKeys.kind(key).isPresent() || FlywayKeys.refusal(key).isPresent()) {
        settings.put(key, new Setting(environment.get(variable), variable));
      }
    }
    return new FlywayOptions(settings);
  }

  private static String camel(String upper) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : upper.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  /** Every setting that is refused, unknown or of the wrong form, each naming where it was set. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Setting> entry : settings.entrySet()) {
      String key = entry.getKey();
      Setting setting = entry.getValue();
      Optional<String> refusal = FlywayKeys.refusal(key);
      if (refusal.isPresent()) {
        problems.add(setting.origin() + ": not supported, because " + refusal.get());
        continue;
      }
      Optional<FlywayKeys.Kind> kind = FlywayKeys.kind(key);
      if (kind.isEmpty()) {
        problems.add(
            setting.origin()
                + ": '"
                + key
                + "' is not a Flyway setting schemagate knows (docs/reference/flyway-settings.md"
                + " lists them)");
        continue;
      }
      if (kind.get() == FlywayKeys.Kind.IDENTIFIER
          || kind.get() == FlywayKeys.Kind.IDENTIFIER_LIST) {
        String what = key.equals("table") || key.equals("tablespace") ? key : "schema";
        for (String item : setting.value().split(",", -1)) {
          try {
            EngineSettings.checkIdentifier(what, item.strip());
          } catch (IllegalArgumentException e) {
            problems.add(setting.origin() + ": " + e.getMessage());
            break;
          }
        }
        continue;
      }
      String wrong = wrongValue(kind.get(), setting.value());
      if (wrong != null) {
        problems.add(setting.origin() + ": '" + setting.value() + "' " + wrong);
      }
    }
    return problems;
  }

  private static String wrongValue(FlywayKeys.Kind kind, String value) {
    switch (kind) {
      case BOOLEAN:
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
            ? null
            : "is not true or false";
      case VERSION:
        try {
          MigrationVersion.fromVersion(value);
          return Versions.parse(value).isPresent() ? null : "is not a version like 1 or 1.2";
        } catch (RuntimeException e) {
          return "is not a version like 1 or 1.2";
        }
      case NAME_PART:
        return namePartProblem(value);
      case NAME_PART_LIST:
        for (String item : split(value)) {
          String problem = namePartProblem(item);
          if (problem != null) {
            return problem;
          }
        }
        return split(value).isEmpty() ? "names no suffix" : null;
      case CHARSET:
        try {
          Charset.forName(value);
          return null;
        } catch (RuntimeException e) {
          return "is not an encoding this JVM knows (UTF-8, ISO-8859-1, windows-1252, ...)";
        }
      case PATTERN_LIST:
        for (String item : split(value)) {
          try {
            ValidatePattern.fromPattern(item);
          } catch (RuntimeException e) {
            return (item.equals(value.strip()) ? "is" : "holds '" + item + "', which is")
                + " not a pattern like *:missing, versioned:ignored or repeatable:*";
          }
        }
        return null;
      case FOLDER_LIST:
        for (String item : split(value)) {
          String problem = folderProblem(item);
          if (problem != null) {
            return (item.equals(value.strip()) ? "" : "holds '" + item + "', which ") + problem;
          }
        }
        return split(value).isEmpty() ? "names no folder" : null;
      case EXECUTOR:
        return EXECUTORS.contains(value.strip())
            ? null
            : "is not an executor: schemagate (the default: schemagate's own, fewer round trips)"
                + " or flyway (Flyway's own, the fallback for one release)";
      case TEXT:
      case IGNORED:
      default:
        return null;
    }
  }

  /** Why a callback location is not a folder inside the bundle, or null. */
  private static String folderProblem(String location) {
    if (location.startsWith("classpath:")) {
      return "is a class-path location; schemagate reads callbacks only from folders inside the"
          + " bundle (filesystem:callbacks for its callbacks/ folder)";
    }
    String folder = folderOf(location);
    if (!folder.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")
        || BundleLoader.DATABASE_FOLDERS.contains(folder)) {
      return "is not a folder at the top of the bundle: name one by its name relative to the"
          + " bundle, like filesystem:callbacks (not a database folder, not a path)";
    }
    return null;
  }

  private static String folderOf(String location) {
    String folder = location.strip();
    if (folder.startsWith("filesystem:")) {
      folder = folder.substring("filesystem:".length());
    }
    if (folder.startsWith("./")) {
      folder = folder.substring(2);
    }
    return folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
  }

  /**
   * The bundle folders named by {@code callbackLocations}, empty when it is not set (callbacks then
   * sit at the top of the bundle and in its database folders).
   */
  public List<String> callbackFolders() {
    return list("callbackLocations")
        .map(items -> items.stream().map(FlywayOptions::folderOf).distinct().toList())
        .orElse(List.of());
  }

  private static String namePartProblem(String value) {
    return value.isEmpty() || value.contains("/") || value.contains("\\") || value.contains("\0")
        ? "cannot be part of a file name"
        : null;
  }

  static List<String> split(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The value of a setting, if set. */
  public Optional<String> text(String key) {
    return Optional.ofNullable(settings.get(key)).map(Setting::value);
  }

  /** A true/false setting, if set. */
  public Optional<Boolean> bool(String key) {
    return text(key).map(v -> v.equalsIgnoreCase("true"));
  }

  /** A comma-separated setting as its items, if set. */
  public Optional<List<String>> list(String key) {
    return text(key).map(FlywayOptions::split);
  }

  /** The placeholders set as {@code placeholders.<name>}, by name. */
  public Map<String, String> placeholders() {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach(
        (key, setting) -> {
          if (key.startsWith(PLACEHOLDERS)) {
            out.put(key.substring(PLACEHOLDERS.length()), setting.value());
          }
        });
    return out;
  }

  /** How script files are named, from the naming settings or Flyway's defaults. */
  public Naming naming() {
    return new Naming(
        text("sqlMigrationPrefix").orElse("V"),
        text("undoSqlMigrationPrefix").orElse("U"),
        text("repeatableSqlMigrationPrefix").orElse("R"),
        text("baselineMigrationPrefix").orElse("B"),
        text("sqlMigrationSeparator").orElse("__"),
        list("sqlMigrationSuffixes").orElse(List.of(".sql")),
        text("encoding").map(Charset::forName).orElse(java.nio.charset.StandardCharsets.UTF_8),
        bool("validateMigrationNaming").orElse(true));
  }
}
