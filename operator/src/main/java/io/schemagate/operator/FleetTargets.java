package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.db.DatabaseUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's targets as the operator resolves them, for a reader outside the operator (the command
 * line's {@code fleet status}): the same order, names, Secrets and tenant policy, read with the
 * caller's own Kubernetes rights.
 */
public final class FleetTargets {
  private FleetTargets() {}

  /**
   * One target: its name, and its database or why it cannot be read.
   *
   * @param url its database, or null when {@code problem} says why not
   * @param schemas the schemas Flyway manages in it (empty: the connection's)
   * @param table its history table, or null for the default
   */
  public record Target(
      String name, DatabaseUrl url, List<String> schemas, String table, String problem) {}

  /** The query of spec.schemaTargets that names the fleet's schemas, or null. */
  public static String schemaQuery(DatabaseMigration resource) {
    var schemas = resource.getSpec() == null ? null : resource.getSpec().schemaTargets;
    return schemas == null || schemas.query == null || schemas.query.isBlank()
        ? null
        : schemas.query;
  }

  /** The resource's spec.database, where a query of spec.schemaTargets runs. */
  public static DatabaseUrl database(KubernetesClient client, DatabaseMigration resource) {
    String namespace = resource.getMetadata().getNamespace();
    try {
      return new TargetReader(new NamedObjects<>(client, Secret.class))
          .read(resource, OperatorSettings.DEFAULTS.tenants().policy(namespace));
    } catch (Problem problem) {
      throw new IllegalArgumentException(problem.getMessage(), problem);
    }
  }

  /** True when the resource names a fleet. */
  public static boolean isFleet(DatabaseMigration resource) {
    return resource.getSpec() != null && FleetMembers.isFleet(resource.getSpec());
  }

  /**
   * The fleet's targets in rollout order.
   *
   * @throws IllegalArgumentException naming the field at fault when the fleet cannot be listed
   */
  public static List<Target> of(KubernetesClient client, DatabaseMigration resource) {
    return of(client, resource, null);
  }

  /**
   * The fleet's targets in rollout order, the schemas of spec.schemaTargets.query being {@code
   * queried}, the rows the caller read with {@link #schemaQuery} on {@link #database}.
   */
  public static List<Target> of(
      KubernetesClient client, DatabaseMigration resource, List<String> queried) {
    TargetReader reader = new TargetReader(new NamedObjects<>(client, Secret.class));
    String namespace = resource.getMetadata().getNamespace();
    List<FleetMembers.Member> members;
    try {
      members = FleetMembers.of(resource, reader, queried);
    } catch (Problem problem) {
      throw new IllegalArgumentException(problem.getMessage(), problem);
    }
    List<Target> targets = new ArrayList<>();
    for (FleetMembers.Member member : members) {
      try {
        DatabaseUrl url =
            member.url(reader, namespace, OperatorSettings.DEFAULTS.tenants().policy(namespace));
        targets.add(new Target(member.name(), url, member.schemas(), member.table(), null));
      } catch (Problem problem) {
        targets.add(
            new Target(
                member.name(), null, member.schemas(), member.table(), problem.getMessage()));
      }
    }
    return targets;
  }
}
