package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What to migrate, from which scripts, up to which version, under which policy. */
@ValidationRule(
    value =
        "(has(self.database) ? 1 : 0) + (has(self.targets) && size(self.targets) > 0 ? 1 : 0)"
            + " + (has(self.targetSecrets) ? 1 : 0) == 1",
    message = "set exactly one of spec.database, spec.targets and spec.targetSecrets")
@ValidationRule(
    value = "!has(self.schemaTargets) || has(self.database)",
    message = "spec.schemaTargets names schemas of spec.database: set spec.database")
public class DatabaseMigrationSpec {
  @JsonPropertyDescription(
      "The database to migrate and how to log in to it (with spec.schemaTargets: the database"
          + " whose schemas are the fleet).")
  public DatabaseSpec database;

  @JsonPropertyDescription(
      "A fleet of databases, each a name and the fields of spec.database; instead of"
          + " spec.database.")
  public List<FleetTarget> targets = new ArrayList<>();

  @JsonPropertyDescription(
      "A fleet of the databases whose Secrets in this namespace carry these labels (uri,"
          + " jdbc-uri, or host, port, dbname, username and password, as CloudNativePG writes"
          + " them); instead of spec.database.")
  public TargetSecrets targetSecrets;

  @JsonPropertyDescription(
      "A fleet of the schemas of spec.database, each with its own history table.")
  public SchemaTargets schemaTargets;

  @JsonPropertyDescription(
      "How a fleet is rolled: canary, waves, parallelism, failure budget, pauses, approvals.")
  public RolloutSpec rollout = new RolloutSpec();

  @Required
  @JsonPropertyDescription(
      "Where the migration scripts come from: ConfigMaps in this namespace and/or inline scripts.")
  public SourceSpec source;

  @Default("latest")
  @JsonPropertyDescription(
      "The version to bring the database to: 'latest' (the highest version in the bundle) or a"
          + " version of the bundle, e.g. \"7\" or \"1.2\". A version below the applied one means"
          + " a downgrade, which policy.allowDowngrade must allow.")
  public String target = "latest";

  @JsonPropertyDescription("What schemagate may do without a person: approval, downgrades, clean.")
  public PolicySpec policy = new PolicySpec();

  @JsonPropertyDescription(
      "Time limits of statements, lock waits and whole runs, within the operator's maxima.")
  public TimeoutsSpec timeouts = new TimeoutsSpec();

  // Unknown fields are kept, not pruned, so that a Flyway setting schemagate refuses (callbacks,
  // initSql, url) is refused by name with its reason instead of vanishing without a word.
  @PreserveUnknownFields
  @JsonPropertyDescription(
      "Flyway settings by Flyway's names, over the bundle's flyway.conf or flyway.toml; a setting"
          + " schemagate does not support is refused by name with the reason.")
  public FlywaySpec flyway = new FlywaySpec();

  @Default("false")
  @JsonPropertyDescription(
      "Stop all work on this resource (status still shows where the database stood last).")
  public boolean suspend;
}
