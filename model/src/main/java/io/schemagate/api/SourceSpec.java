package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The migration scripts: ConfigMaps and inline scripts, merged into one bundle. */
public class SourceSpec {
  /** The most ConfigMaps one bundle may come from: 50 full ones pass the largest bundle. */
  public static final int MAX_CONFIG_MAPS = 50;

  @Size(max = MAX_CONFIG_MAPS)
  @JsonPropertyDescription(
      "ConfigMaps in this namespace whose keys are script names (V1__init.sql, U1__init.sql,"
          + " R__views.sql; postgresql.V1__init.sql for a script that only PostgreSQL runs)."
          + " Several are allowed because one holds at most 1 MiB; a script name may appear in"
          + " only one of them; at most 50. Label them schemagate.io/bundle=true so an edit is"
          + " applied at once.")
  public List<ConfigMapRef> configMaps = new ArrayList<>();

  @JsonPropertyDescription("Scripts written into the resource itself, by name, for small bundles.")
  public Map<String, String> inline = new LinkedHashMap<>();
}
