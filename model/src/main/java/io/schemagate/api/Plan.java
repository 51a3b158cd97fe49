package io.schemagate.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Work schemagate would do, waiting for approval. */
public class Plan {
  @JsonPropertyDescription(
      "Put this value into the annotation schemagate.io/approve to apply the plan. It changes"
          + " whenever the scripts, the versions or the direction change.")
  public String id;

  @JsonPropertyDescription("Upgrade or Downgrade.")
  public String direction;

  @JsonPropertyDescription("The applied version now.")
  public String fromVersion;

  @JsonPropertyDescription("The version after the plan.")
  public String toVersion;

  @JsonPropertyDescription("The scripts the plan runs, in order.")
  public List<String> scripts = new ArrayList<>();

  @JsonPropertyDescription(
      "The SQL the plan runs, history statements included, as `schemagate upgrade --sql` or"
          + " `downgrade --sql` prints it; cut after 32 KiB, with the command that prints it all.")
  public String sql;
}
