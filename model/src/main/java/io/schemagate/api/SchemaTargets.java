package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A fleet of the schemas of spec.database, each one target with its own history table. */
public class SchemaTargets {
  @JsonPropertyDescription("The schemas, each migrated as one target named after it.")
  public List<String> names = new ArrayList<>();
}
