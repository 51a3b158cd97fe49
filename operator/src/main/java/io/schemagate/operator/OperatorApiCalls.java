package io.schemagate.operator;

import io.schemagate.kube.ApiCall;
import java.util.List;

/**
 * Every Kubernetes API call the DatabaseMigration controller makes. No call touches a Secret it was
 * not granted by name: the chart grants none, and tenants grant {@code get} on their own Secrets.
 */
public final class OperatorApiCalls {
  /** In every watched namespace (or cluster-wide). */
  public static final List<ApiCall> ALL =
      List.of(
          new ApiCall("schemagate.io", "databasemigrations", List.of("get", "list", "watch")),
          new ApiCall("schemagate.io", "databasemigrations/status", List.of("update")),
          new ApiCall("", "configmaps", List.of("get")),
          new ApiCall("", "events", List.of("create")));

  /**
   * With {@code --watch-configmaps}: the watch on labelled ConfigMaps. RBAC cannot restrict it to
   * labelled ones, so the chart grants it only per watched namespace, or cluster-wide on request.
   */
  public static final List<ApiCall> CONFIGMAP_WATCH =
      List.of(new ApiCall("", "configmaps", List.of("list", "watch")));

  /** In the operator's own namespace, with leader election. */
  public static final List<ApiCall> LEADER_ELECTION =
      List.of(new ApiCall("coordination.k8s.io", "leases", List.of("get", "create", "update")));

  private OperatorApiCalls() {}
}
