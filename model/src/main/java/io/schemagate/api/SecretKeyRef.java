package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the resource's own namespace. */
public class SecretKeyRef {
  @Required
  @JsonPropertyDescription("The Secret's name (in this namespace).")
  public String name;

  @Required
  @JsonPropertyDescription("The key within the Secret.")
  public String key;
}
