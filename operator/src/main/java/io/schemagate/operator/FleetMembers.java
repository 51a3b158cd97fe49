package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseSpec;
import io.schemagate.api.FleetTarget;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.TargetPolicy;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.FlywayOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fleet's targets in rollout order: spec.targets as listed, the schemas of spec.schemaTargets and
 * the Secrets spec.targetSecrets selects by name. Each is read under the tenant policy when it
 * runs, so one bad target fails alone.
 */
final class FleetMembers {
  /** The most targets one resource may have: its status and each reconcile stay bounded. */
  static final int MAX_TARGETS = 10_000;

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");

  private FleetMembers() {}

  /**
   * One target of a fleet.
   *
   * @param at where its fields are, for messages (spec.targets[orders], Secret tenant-a)
   * @param database its database fields, or null for a Secret's
   * @param secret the Secret holding its connection, or null
   * @param schemas the schemas Flyway manages in it, or empty for the connection's
   * @param table its history table, or null for the bundle's
   */
  record Member(
      String name,
      String at,
      DatabaseSpec database,
      Secret secret,
      List<String> schemas,
      String table) {
    /** Its database under {@code policy}; a Problem names the field at fault. */
    DatabaseUrl url(TargetReader reader, String namespace, TargetPolicy policy) {
      return secret == null
          ? reader.read(namespace, database, at, policy)
          : TargetReader.fromConnectionSecret(secret, at, policy);
    }

    /** The fleet's bundle with this target's schemas and table over the bundle's own settings. */
    Bundle bundle(Bundle fleet) {
      FlywayOptions options = fleet.options();
      if (!schemas.isEmpty()) {
        options = options.with("schemas", schemas, at + ".schemas");
      }
      if (table != null && !table.isBlank()) {
        options = options.with("table", table, at + ".table");
      }
      return options == fleet.options()
          ? fleet
          : new Bundle(fleet.source(), fleet.files(), fleet.digest(), options);
    }
  }

  /** True when the spec names a fleet rather than the one spec.database. */
  static boolean isFleet(DatabaseMigrationSpec spec) {
    return (spec.targets != null && !spec.targets.isEmpty())
        || spec.targetSecrets != null
        || spec.schemaTargets != null;
  }

  /**
   * The fleet's targets in rollout order.
   *
   * @throws Problem naming the field at fault (a duplicate or bad name, too many targets, Secrets
   *     the operator may not list)
   */
  static List<Member> of(DatabaseMigration resource, TargetReader secrets) {
    return of(resource, secrets, null);
  }

  /**
   * The fleet's targets in rollout order, the schemas of spec.schemaTargets.query being {@code
   * queried} (the rows it returned).
   */
  static List<Member> of(DatabaseMigration resource, TargetReader secrets, List<String> queried) {
    DatabaseMigrationSpec spec = resource.getSpec();
    List<Member> members = new ArrayList<>();
    int given =
        (spec.targets != null && !spec.targets.isEmpty() ? 1 : 0)
            + (spec.targetSecrets != null ? 1 : 0)
            + (spec.schemaTargets != null ? 1 : 0);
    if (given > 1) {
      throw new Problem(
          Reason.InvalidSpec,
          "Set one of spec.targets, spec.targetSecrets and spec.schemaTargets, not several");
    }
    if (spec.schemaTargets != null) {
      if (spec.database == null) {
        throw new Problem(
            Reason.InvalidSpec,
            "spec.schemaTargets names schemas of spec.database: set spec.database");
      }
      boolean byQuery = spec.schemaTargets.query != null && !spec.schemaTargets.query.isBlank();
      if (byQuery && !spec.schemaTargets.names.isEmpty()) {
        throw new Problem(
            Reason.InvalidSpec,
            "Set one of spec.schemaTargets.names and spec.schemaTargets.query, not both");
      }
      List<String> names =
          new ArrayList<>(byQuery && queried != null ? queried : spec.schemaTargets.names);
      names.sort(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
      String field = byQuery ? "spec.schemaTargets.query" : "spec.schemaTargets.names";
      for (String schema : names) {
        members.add(
            new Member(
                schema,
                field + "[" + schema + "]",
                spec.database,
                null,
                List.of(schema),
                spec.database.table));
      }
    } else if (spec.targetSecrets != null) {
      if (spec.targetSecrets.matchLabels == null || spec.targetSecrets.matchLabels.isEmpty()) {
        throw new Problem(
            Reason.InvalidSpec,
            "spec.targetSecrets.matchLabels is empty: name the labels the fleet's Secrets carry,"
                + " e.g. schemagate.io/fleet: tenants");
      }
      for (Secret secret :
          secrets.selected(
              resource.getMetadata().getNamespace(),
              spec.targetSecrets.matchLabels,
              "spec.targetSecrets")) {
        String name = secret.getMetadata().getName();
        members.add(
            new Member(
                name,
                "Secret " + name + " (spec.targetSecrets)",
                null,
                secret,
                spec.targetSecrets.schemas == null ? List.of() : spec.targetSecrets.schemas,
                spec.targetSecrets.table));
      }
    } else {
      for (FleetTarget target : spec.targets) {
        members.add(
            new Member(
                target.name,
                "spec.targets[" + target.name + "]",
                target,
                null,
                target.schemas == null ? List.of() : target.schemas,
                target.table));
      }
    }
    check(members);
    return members;
  }

  private static void check(List<Member> members) {
    if (members.size() > MAX_TARGETS) {
      throw new Problem(
          Reason.InvalidSpec,
          "The fleet has "
              + members.size()
              + " targets, above the "
              + MAX_TARGETS
              + " one resource may have; split it into several resources");
    }
    Set<String> seen = new HashSet<>();
    for (Member member : members) {
      if (member.name() == null || !NAME.matcher(member.name()).matches()) {
        throw new Problem(
            Reason.InvalidSpec,
            member.at()
                + ": the name '"
                + member.name()
                + "' must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a"
                + " letter or digit");
      }
      if (!seen.add(member.name())) {
        throw new Problem(
            Reason.InvalidSpec, member.at() + ": the name '" + member.name() + "' is used twice");
      }
    }
  }
}
