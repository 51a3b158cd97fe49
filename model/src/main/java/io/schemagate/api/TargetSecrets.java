package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet of the databases whose Secrets in the resource's namespace carry the given labels, each
 * Secret holding one database's connection as CloudNativePG's generated app Secrets do.
 */
public class TargetSecrets {
  @Required
  @JsonPropertyDescription(
      "Labels every Secret of the fleet carries, e.g. {schemagate.io/fleet: tenants}. Listing"
          + " Secrets needs the list right the namespace's owner grants to the operator with a"
          + " Role (docs/SECURITY.md).")
  public Map<String, String> matchLabels = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "Schemas Flyway manages in each database; the first holds the history table. Default: the"
          + " connection's schema.")
  public List<String> schemas = new ArrayList<>();

  @JsonPropertyDescription("The schema history table. Default: as for spec.database.table.")
  public String table;
}
