package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A Secret in the resource's namespace holding a user name and a password. */
public class CredentialsSecret {
  @Required
  @JsonPropertyDescription("The Secret's name (in this namespace).")
  public String name;

  @Default("username")
  @JsonPropertyDescription("The key holding the user name.")
  public String usernameKey = "username";

  @Default("password")
  @JsonPropertyDescription("The key holding the password.")
  public String passwordKey = "password";
}
