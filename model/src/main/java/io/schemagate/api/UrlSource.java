package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where to read the database URL from. */
public class UrlSource {
  @Required
  @JsonPropertyDescription("The key of a Secret in this namespace that holds the URL.")
  public SecretKeyRef secretKeyRef;
}
