package io.schemagate.engine.api;

/**
 * One migration script of a bundle.
 *
 * @param name file name, e.g. {@code V3__add_messages.sql}
 * @param path where it came from inside the bundle, e.g. {@code postgresql/V3__add_messages.sql}
 * @param text the SQL
 */
public record Script(String name, String path, String text, ScriptName parsed) {
  public ScriptType type() {
    return parsed.type();
  }

  public String version() {
    return parsed.version();
  }

  public String description() {
    return parsed.description();
  }
}
