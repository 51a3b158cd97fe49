package io.schemagate.gate;

import java.util.List;

/**
 * Every Kubernetes API call the rollout gate makes, as RBAC rules. The Helm chart's RBAC is checked
 * against this list, so it grants what the gate uses and nothing more.
 *
 * @param apiGroup "" for the core group
 */
public record GateApiCalls(String apiGroup, String resource, List<String> verbs) {
  public static final List<GateApiCalls> ALL =
      List.of(
          new GateApiCalls("", "pods", List.of("get", "list", "watch", "patch")),
          new GateApiCalls("schemagate.io", "databasemigrations", List.of("get", "list", "watch")),
          // The count of waiting pods, a field of the resource's status that the gate owns.
          new GateApiCalls("schemagate.io", "databasemigrations/status", List.of("patch")),
          new GateApiCalls("", "events", List.of("create")));
}
