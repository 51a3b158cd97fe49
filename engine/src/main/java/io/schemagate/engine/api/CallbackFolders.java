package io.schemagate.engine.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle folders {@code callbackLocations} names: how ConfigMap keys reach them, what may sit
 * in them, and the callbacks Flyway would refuse as two of one name.
 */
final class CallbackFolders {
  private CallbackFolders() {}

  /**
   * ConfigMap keys cannot hold '/': {@code callbacks.afterMigrate.sql} stands for {@code
   * callbacks/afterMigrate.sql} when {@code callbacks} is a callback folder.
   */
  static Map<String, byte[]> inFolders(Map<String, byte[]> files, List<String> folders) {
    if (folders.isEmpty()) {
      return files;
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    files.forEach(
        (path, bytes) -> {
          int dot = path.indexOf('.');
          boolean flat = !path.contains("/") && dot > 0 && folders.contains(path.substring(0, dot));
          out.put(flat ? path.substring(0, dot) + "/" + path.substring(dot + 1) : path, bytes);
        });
    return out;
  }

  /**
   * Why a script sits where Flyway would not find it with these callback folders, or null: only
   * callbacks sit in a callback folder, and with callback folders Flyway looks for callbacks
   * nowhere else.
   */
  static String placement(String path, ScriptName parsed, List<String> folders) {
    if (folders.isEmpty()) {
      return null;
    }
    String folder = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
    boolean inCallbackFolder = folders.contains(folder);
    if (inCallbackFolder && parsed.type() != ScriptType.CALLBACK) {
      return "only callbacks (afterMigrate.sql, beforeEachMigrate.sql, ...) belong in the"
          + " callback folder "
          + folder
          + "/; move the migration to the top of the bundle";
    }
    if (!inCallbackFolder && parsed.type() == ScriptType.CALLBACK) {
      return "callbackLocations names "
          + String.join("/, ", folders)
          + "/, where Flyway then looks for callbacks instead; move this callback there";
    }
    return null;
  }

  /** One problem per callback name held by more than one callback folder. */
  static List<String> sameNames(Collection<String> paths, List<String> folders) {
    List<String> problems = new ArrayList<>();
    if (folders.isEmpty()) {
      return problems;
    }
    Map<String, List<String>> byName = new TreeMap<>();
    paths.stream()
        .filter(path -> path.contains("/") && folders.contains(path.split("/")[0]))
        .forEach(
            path ->
                byName
                    .computeIfAbsent(path.substring(path.indexOf('/') + 1), n -> new ArrayList<>())
                    .add(path));
    byName.forEach(
        (name, found) -> {
          if (found.size() > 1) {
            problems.add(
                String.join(", ", found)
                    + ": Flyway runs one callback script of a name; keep one, or tell them"
                    + " apart (afterMigrate__audit.sql)");
          }
        });
    return problems;
  }
}
