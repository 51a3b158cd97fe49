package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flyway settings passed through unchanged. */
public class FlywaySpec {
  @Default("false")
  @JsonPropertyDescription(
      "Baseline a schema that holds tables but no history on the first run, at baselineVersion.")
  public boolean baselineOnMigrate;

  @Default("1")
  @JsonPropertyDescription("The version baselineOnMigrate marks as applied.")
  public String baselineVersion = "1";

  @Default("false")
  @JsonPropertyDescription(
      "Apply versions lower than the applied one that arrived later (a merged branch).")
  public boolean outOfOrder;

  @JsonPropertyDescription("Placeholders: ${name} in scripts is replaced by the value.")
  public Map<String, String> placeholders = new LinkedHashMap<>();

  @Default("false")
  @JsonPropertyDescription(
      "Allow transactional and non-transactional statements in one script (PostgreSQL).")
  public boolean mixed;

  @Default("false")
  @JsonPropertyDescription(
      "Apply all pending migrations in one transaction where the database allows.")
  public boolean group;
}
