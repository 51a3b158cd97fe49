package io.schemagate.gate;

import io.schemagate.kube.ApiCall;
import java.util.List;

/** Every Kubernetes API call the rollout gate makes. */
public final class GateApiCalls {
  public static final List<ApiCall> ALL =
      List.of(
          new ApiCall("", "pods", List.of("get", "list", "watch", "patch")),
          new ApiCall("schemagate.io", "databasemigrations", List.of("get", "list", "watch")),
          // The count of waiting pods, a field of the resource's status that the gate owns.
          new ApiCall("schemagate.io", "databasemigrations/status", List.of("patch")),
          new ApiCall("", "events", List.of("create")));

  private GateApiCalls() {}
}
