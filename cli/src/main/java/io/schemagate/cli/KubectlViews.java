package io.schemagate.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.ContractHold;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.FleetFailure;
import io.schemagate.api.FleetStatus;
import io.schemagate.api.HistoryItem;
import io.schemagate.api.PlanFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The plugin's read-only verbs: status, plan and history, from the resources' status. */
final class KubectlViews {
  private KubectlViews() {}

  static Optional<Condition> ready(DatabaseMigrationStatus status) {
    return status == null || status.conditions == null
        ? Optional.empty()
        : status.conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  static String reason(DatabaseMigration resource) {
    return ready(resource.getStatus()).map(Condition::getReason).orElse("(not yet reconciled)");
  }

  static String or(Object value, String otherwise) {
    return value == null ? otherwise : value.toString();
  }

  /** {@code kubectl schemagate status [NAME]}. */
  @Command(
      name = "status",
      description =
          "The DatabaseMigrations of the namespace as a table (a fleet's targets as ready/total),"
              + " or one of them in full.")
  static final class Status implements Callable<Integer> {
    @ParentCommand KubectlPlugin plugin;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "One DatabaseMigration.")
    String name;

    @Option(
        names = {"-A", "--all-namespaces"},
        description = "Every namespace you may list.")
    boolean all;

    @Override
    public Integer call() {
      try (KubernetesClient client = plugin.client()) {
        if (name != null) {
          detail(plugin.get(client, name));
          return ExitCodes.OK;
        }
        List<DatabaseMigration> resources =
            (all
                    ? client.resources(DatabaseMigration.class).inAnyNamespace().list()
                    : client
                        .resources(DatabaseMigration.class)
                        .inNamespace(plugin.namespace(client))
                        .list())
                .getItems().stream().sorted(Comparator.comparing(KubectlPlugin::name)).toList();
        if (resources.isEmpty()) {
          plugin.io.println(
              "No DatabaseMigrations in "
                  + (all ? "any namespace" : "namespace " + plugin.namespace(client))
                  + ".");
          return ExitCodes.OK;
        }
        TextTable table =
            all
                ? new TextTable(
                    "NAMESPACE", "NAME", "APPLIED", "TARGET", "PENDING", "TARGETS", "REASON", "AGE")
                : new TextTable("NAME", "APPLIED", "TARGET", "PENDING", "TARGETS", "REASON", "AGE");
        for (DatabaseMigration resource : resources) {
          DatabaseMigrationStatus status = resource.getStatus();
          FleetStatus fleet = status == null ? null : status.fleet;
          List<Object> cells = new java.util.ArrayList<>();
          if (all) {
            cells.add(resource.getMetadata().getNamespace());
          }
          cells.add(resource.getMetadata().getName());
          cells.add(status == null ? "" : or(status.appliedVersion, "(none)"));
          cells.add(status == null ? "" : or(status.targetVersion, ""));
          cells.add(status == null ? "" : or(status.pendingCount, ""));
          cells.add(fleet == null ? "-" : or(fleet.ready, "0") + "/" + or(fleet.targets, "0"));
          cells.add(reason(resource));
          cells.add(age(resource.getMetadata().getCreationTimestamp()));
          table.row(cells.toArray());
        }
        table.lines().forEach(plugin.io::println);
        return ExitCodes.OK;
      }
    }

    private void detail(DatabaseMigration resource) {
      DatabaseMigrationStatus status = resource.getStatus();
      SchemagateCommand shell = plugin.io;
      shell.println("DatabaseMigration " + KubectlPlugin.name(resource));
      if (status == null) {
        shell.println("Status:    not yet reconciled by the operator");
        return;
      }
      shell.println(
          "Applied:   "
              + or(status.appliedVersion, "(none)")
              + "   target "
              + or(status.targetVersion, "(none)")
              + "   pending "
              + or(status.pendingCount, "0"));
      ready(status)
          .ifPresent(
              c -> {
                shell.println("Reason:    " + c.getReason() + " (Ready " + c.getStatus() + ")");
                shell.println("Message:   " + or(c.getMessage(), ""));
              });
      if (status.plan != null) {
        shell.println(
            "Plan:      "
                + status.plan.id
                + " ("
                + status.plan.scripts.size()
                + (status.plan.scripts.size() == 1 ? " script" : " scripts")
                + "; 'kubectl schemagate plan "
                + resource.getMetadata().getName()
                + "' shows it)");
      }
      if (status.failure != null) {
        shell.println(
            "Failure:   "
                + or(status.failure.script, "")
                + (status.failure.line == null ? "" : ":" + status.failure.line)
                + " "
                + or(status.failure.message, ""));
      }
      FleetStatus fleet = status.fleet;
      if (fleet != null) {
        shell.println(
            "Fleet:     "
                + or(fleet.targets, "0")
                + " targets: "
                + or(fleet.ready, "0")
                + " ready, "
                + or(fleet.inProgress, "0")
                + " in progress, "
                + or(fleet.waiting, "0")
                + " waiting, "
                + or(fleet.failed, "0")
                + " failed, "
                + or(fleet.notStarted, "0")
                + " not started; wave "
                + or(fleet.wave, "0")
                + " of "
                + or(fleet.waves, "0")
                + (Boolean.TRUE.equals(fleet.halted) ? "; HALTED" : ""));
        for (FleetFailure failing : fleet.failing) {
          shell.println(
              "  failed   "
                  + failing.target
                  + ": "
                  + or(failing.reason, "")
                  + " "
                  + or(failing.script, "")
                  + (failing.line == null ? "" : ":" + failing.line)
                  + " "
                  + or(failing.message, ""));
        }
      }
      if (status.waitingPods != null && status.waitingPods > 0) {
        shell.println("Gate:      " + status.waitingPods + " pods wait for this schema");
      }
    }
  }

  static String age(String created) {
    if (created == null) {
      return "";
    }
    Duration age = Duration.between(Instant.parse(created), Instant.now());
    if (age.toDays() > 0) {
      return age.toDays() + "d";
    }
    if (age.toHours() > 0) {
      return age.toHours() + "h";
    }
    return age.toMinutes() > 0 ? age.toMinutes() + "m" : Math.max(0, age.toSeconds()) + "s";
  }

  /** {@code kubectl schemagate plan NAME}. */
  @Command(
      name = "plan",
      description =
          "The plan the operator shows for a DatabaseMigration: its id, scripts, lint findings"
              + " and contract steps; --sql adds the SQL it runs.")
  static final class Plan extends KubectlPlugin.OnResource {
    @Option(names = "--sql", description = "Also print the SQL the plan runs.")
    boolean sql;

    @Override
    int run(KubernetesClient client, DatabaseMigration resource) {
      SchemagateCommand shell = plugin.io;
      io.schemagate.api.Plan plan = resource.getStatus() == null ? null : resource.getStatus().plan;
      if (plan == null) {
        shell.println(
            "No plan: "
                + KubectlPlugin.name(resource)
                + " has nothing to run ("
                + reason(resource)
                + ").");
        return ExitCodes.OK;
      }
      shell.println(
          "Plan "
              + plan.id
              + " of "
              + KubectlPlugin.name(resource)
              + ": "
              + or(plan.direction, "up")
              + " from "
              + or(plan.fromVersion, "(none)")
              + " to "
              + or(plan.toVersion, "(none)")
              + ", "
              + plan.scripts.size()
              + (plan.scripts.size() == 1 ? " script" : " scripts"));
      for (String script : plan.scripts) {
        Optional<ContractHold> step =
            plan.contractSteps.stream().filter(s -> script.equals(s.script)).findFirst();
        shell.println(
            "  "
                + script
                + step.map(
                        s ->
                            "  (contract step"
                                + (s.waitingFor.isEmpty()
                                    ? ")"
                                    : ", waits for " + String.join(", ", s.waitingFor) + ")"))
                    .orElse(""));
      }
      int count = plan.findingCount == null ? plan.findings.size() : plan.findingCount;
      if (count > 0) {
        shell.println(count + (count == 1 ? " finding:" : " findings:"));
        for (PlanFinding finding : plan.findings) {
          shell.println(
              "  "
                  + or(finding.severity, "").toUpperCase(java.util.Locale.ROOT)
                  + " "
                  + finding.rule
                  + " "
                  + or(finding.script, "")
                  + (finding.line == null ? "" : ":" + finding.line)
                  + ": "
                  + or(finding.why, ""));
        }
      }
      if (sql && plan.sql != null) {
        shell.println("");
        shell.println(plan.sql.stripTrailing());
      }
      if ("ApprovalPending".equals(reason(resource))) {
        shell.println(
            "Approve exactly this plan: kubectl schemagate approve "
                + resource.getMetadata().getName()
                + " --plan "
                + plan.id);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code kubectl schemagate history NAME}. */
  @Command(
      name = "history",
      description = "The most recent history rows the operator reports, newest first.")
  static final class History extends KubectlPlugin.OnResource {
    @Override
    int run(KubernetesClient client, DatabaseMigration resource) {
      List<HistoryItem> rows =
          resource.getStatus() == null ? List.of() : resource.getStatus().history;
      if (rows == null || rows.isEmpty()) {
        plugin.io.println("No history yet for " + KubectlPlugin.name(resource) + ".");
        return ExitCodes.OK;
      }
      TextTable table =
          new TextTable("VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON", "MS");
      for (HistoryItem row : rows) {
        table.row(
            or(row.version, ""),
            or(row.description, ""),
            or(row.type, ""),
            or(row.state, ""),
            or(row.installedOn, ""),
            or(row.executionMillis, ""));
      }
      table.lines().forEach(plugin.io::println);
      return ExitCodes.OK;
    }
  }
}
