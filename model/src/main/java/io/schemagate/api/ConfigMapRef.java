package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A ConfigMap in the resource's namespace. */
public class ConfigMapRef {
  @Required
  @JsonPropertyDescription("The ConfigMap's name (in this namespace).")
  public String name;
}
