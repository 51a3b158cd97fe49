package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flyway settings by Flyway's own names and meaning. A field left out takes the value of the
 * bundle's {@code flyway.conf} or {@code flyway.toml}, else Flyway's default; a field set here
 * overrides the bundle's file.
 */
public class FlywaySpec {
  @JsonPropertyDescription(
      "Baseline a schema that holds tables but no history on the first run, at baselineVersion."
          + " Default false.")
  public Boolean baselineOnMigrate;

  @JsonPropertyDescription("The version baselineOnMigrate marks as applied. Default 1.")
  public String baselineVersion;

  @JsonPropertyDescription("The description of the baseline row.")
  public String baselineDescription;

  @JsonPropertyDescription(
      "Apply versions lower than the applied one that arrived later (a merged branch). Default"
          + " false.")
  public Boolean outOfOrder;

  @JsonPropertyDescription("Placeholders: ${name} in scripts is replaced by the value.")
  public Map<String, String> placeholders = new LinkedHashMap<>();

  @JsonPropertyDescription("The start of a placeholder. Default ${.")
  public String placeholderPrefix;

  @JsonPropertyDescription("The end of a placeholder. Default }.")
  public String placeholderSuffix;

  @JsonPropertyDescription("Between a placeholder's namespace and name. Default ':'.")
  public String placeholderSeparator;

  @JsonPropertyDescription("The start of a script placeholder. Default FP__.")
  public String scriptPlaceholderPrefix;

  @JsonPropertyDescription("The end of a script placeholder. Default __.")
  public String scriptPlaceholderSuffix;

  @JsonPropertyDescription("Replace placeholders at all. Default true.")
  public Boolean placeholderReplacement;

  @JsonPropertyDescription(
      "Allow transactional and non-transactional statements in one script (PostgreSQL)."
          + " Default false.")
  public Boolean mixed;

  @JsonPropertyDescription(
      "Apply all pending migrations in one transaction where the database allows. Default"
          + " false.")
  public Boolean group;

  @JsonPropertyDescription(
      "Refuse to migrate a history that does not match the bundle (edited, renamed, missing or"
          + " skipped scripts). Default true.")
  public Boolean validateOnMigrate;

  @JsonPropertyDescription(
      "Refuse a script file whose name is not a migration name. Default true (Flyway: false);"
          + " false leaves such files out.")
  public Boolean validateMigrationNaming;

  @JsonPropertyDescription(
      "States that validation lets pass, e.g. '*:missing' for applied scripts deleted from the"
          + " bundle or applied by an application's Java migrations. Default ['*:future'].")
  public List<String> ignoreMigrationPatterns;

  @JsonPropertyDescription("The prefix of versioned scripts. Default V.")
  public String sqlMigrationPrefix;

  @JsonPropertyDescription("The prefix of undo scripts, run by schemagate itself. Default U.")
  public String undoSqlMigrationPrefix;

  @JsonPropertyDescription("The prefix of repeatable scripts. Default R.")
  public String repeatableSqlMigrationPrefix;

  @JsonPropertyDescription("The prefix of baseline migrations. Default B.")
  public String baselineMigrationPrefix;

  @JsonPropertyDescription("Between version and description. Default __.")
  public String sqlMigrationSeparator;

  @JsonPropertyDescription("The file name endings of scripts. Default ['.sql'].")
  public List<String> sqlMigrationSuffixes;

  @JsonPropertyDescription("The encoding of the scripts. Default UTF-8.")
  public String encoding;

  @JsonPropertyDescription("Create the schemas Flyway manages when they are missing. Default true.")
  public Boolean createSchemas;

  @JsonPropertyDescription("The tablespace of the history table (PostgreSQL, MySQL).")
  public String tablespace;

  @JsonPropertyDescription("The user written into installed_by. Default: the connection's user.")
  public String installedBy;

  @JsonPropertyDescription("Leave out the SQL callbacks of the bundle. Default false.")
  public Boolean skipDefaultCallbacks;

  @JsonPropertyDescription(
      "Run each script in a transaction where the database allows. Default true; a script's"
          + " .conf can say otherwise.")
  public Boolean executeInTransaction;

  @JsonPropertyDescription(
      "Send each script's statements to the database in batches. Default false.")
  public Boolean batch;

  @JsonPropertyDescription("Read each script as a stream rather than at once. Default false.")
  public Boolean stream;

  @JsonPropertyDescription(
      "schemagate's own setting: who runs the scripts. schemagate (the default) or flyway"
          + " (Flyway's own migrate, the fallback kept for one release).")
  public String executor;

  /**
   * Fields this class does not have: kept through every read and write of the resource, so that the
   * operator refuses each by name.
   */
  @JsonAnySetter private final Map<String, Object> others = new LinkedHashMap<>();

  /** Writes the unknown fields back; hidden from the CRD's schema, which keeps them as unknown. */
  @JsonAnyGetter
  @JsonIgnore
  Map<String, Object> writtenBack() {
    return others;
  }

  /** The fields this class does not have, by name; read, never written back. */
  public Map<String, Object> unknownFields() {
    return java.util.Collections.unmodifiableMap(others);
  }
}
