package io.schemagate.engine.flyway;

import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import io.schemagate.engine.api.ScriptType;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the scripts of a bundle from memory: no classpath scan, no temporary files. Undo
 * scripts are kept back, since community Flyway cannot run them; {@link UndoExecutor} does.
 */
public final class BundleResourceProvider implements ResourceProvider {
  private final ScriptSet scripts;

  public BundleResourceProvider(ScriptSet scripts) {
    this.scripts = scripts;
  }

  @Override
  public LoadableResource getResource(String name) {
    String config = scripts.configs().get(name);
    if (config != null) {
      return new TextResource(scripts.source(), name, config);
    }
    Script script = scripts.scripts().get(name);
    return script == null || script.type() == ScriptType.UNDO ? null : resource(script);
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (Map.Entry<String, Script> entry : scripts.scripts().entrySet()) {
      Script script = entry.getValue();
      if (script.type() != ScriptType.UNDO
          && entry.getKey().startsWith(prefix)
          && endsWithAny(entry.getKey(), suffixes)) {
        found.add(resource(script));
      }
    }
    return found;
  }

  private TextResource resource(Script script) {
    return new TextResource(scripts.source(), script.name(), script.text());
  }

  private static boolean endsWithAny(String name, String[] suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** One in-memory file as Flyway reads it. */
  public static final class TextResource extends LoadableResource {
    private final String source;
    private final String name;
    private final String text;

    TextResource(String source, String name, String text) {
      this.source = source;
      this.name = name;
      this.text = text;
    }

    @Override
    public Reader read() {
      return new StringReader(text);
    }

    @Override
    public String getAbsolutePath() {
      return name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return source + "/" + name;
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
  }
}
