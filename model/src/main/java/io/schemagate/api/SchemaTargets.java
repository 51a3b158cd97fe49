package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of the schemas of spec.database, each one target with its own history table: a list, or
 * the rows of a query run on that database.
 */
public class SchemaTargets {
  @JsonPropertyDescription("The schemas, each migrated as one target named after it.")
  public List<String> names = new ArrayList<>();

  @JsonPropertyDescription(
      "Instead of names: a query on spec.database whose rows' first column names the schemas"
          + " (e.g. SELECT schema_name FROM tenants WHERE active), run in a read-only transaction"
          + " under spec.timeouts at each reconcile.")
  public String query;
}
