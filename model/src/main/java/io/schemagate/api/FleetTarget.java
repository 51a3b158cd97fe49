package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One named database of a fleet: a name and the fields of spec.database. */
public class FleetTarget extends DatabaseSpec {
  @Required
  @JsonPropertyDescription(
      "The target's name, unique in the resource: status, events, the CLI and the rollout gate's"
          + " annotation schemagate.io/target name it.")
  public String name;
}
