package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where to read a certificate from: a Secret, never a file of the operator. */
public class CertificateSource {
  @Required
  @JsonPropertyDescription("The key of a Secret in this namespace that holds the PEM certificate.")
  public SecretKeyRef secretKeyRef;
}
