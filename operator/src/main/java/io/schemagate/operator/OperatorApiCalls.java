package io.schemagate.operator;

import io.schemagate.kube.ApiCall;
import java.util.List;

/** Every Kubernetes API call the DatabaseMigration controller makes. */
public final class OperatorApiCalls {
  /** In every watched namespace (or cluster-wide). */
  public static final List<ApiCall> ALL =
      List.of(
          new ApiCall("schemagate.io", "databasemigrations", List.of("get", "list", "watch")),
          new ApiCall("schemagate.io", "databasemigrations/status", List.of("update")),
          new ApiCall("", "configmaps", List.of("get", "list", "watch")),
          new ApiCall("", "secrets", List.of("get", "list", "watch")),
          new ApiCall("", "events", List.of("create")));

  /** In the operator's own namespace, with leader election. */
  public static final List<ApiCall> LEADER_ELECTION =
      List.of(new ApiCall("coordination.k8s.io", "leases", List.of("get", "create", "update")));

  private OperatorApiCalls() {}
}
