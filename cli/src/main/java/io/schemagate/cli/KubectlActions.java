package io.schemagate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The plugin's verbs that ask the operator to act, each by the annotation the operator reads:
 * approve a plan, resume a halted fleet, repair a history. Each checks the resource's status first
 * and refuses (exit 11) what the operator would not act on.
 */
final class KubectlActions {
  private KubectlActions() {}

  /** A fresh value for an annotation whose every new value acts once. */
  static String token() {
    return Long.toString(Instant.now().getEpochSecond());
  }

  /** A refusal: one line and exit 11, nothing annotated. */
  static EngineException refused(String message) {
    return new EngineException(FailureKind.REFUSED, message);
  }

  /** {@code kubectl schemagate approve NAME [--plan ID]}. */
  @Command(
      name = "approve",
      description =
          "Approve the plan a DatabaseMigration waits with (ApprovalPending): sets"
              + " schemagate.io/approve to its id. With --plan, only that plan: if the plan changed"
              + " since it was shown, nothing is approved (exit 11). Without it, the plan is shown"
              + " and confirmed first (--yes for scripts).")
  static final class Approve extends KubectlPlugin.OnResource {
    @Option(names = "--plan", paramLabel = "ID", description = "The plan id that was reviewed.")
    String planId;

    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask (the plan approved is the one read now).")
    boolean yes;

    @Override
    int run(KubernetesClient client, DatabaseMigration resource) {
      DatabaseMigrationStatus status = resource.getStatus();
      String where = KubectlPlugin.name(resource);
      String reason = KubectlViews.reason(resource);
      if (status == null || status.plan == null || !"ApprovalPending".equals(reason)) {
        throw refused(where + " has no plan waiting for approval (" + reason + ")");
      }
      String current = status.plan.id;
      if (planId != null && !planId.equals(current)) {
        throw refused(
            "the plan of "
                + where
                + " changed since it was shown: it is now "
                + current
                + "; review it with 'kubectl schemagate plan "
                + name
                + "', then approve --plan "
                + current);
      }
      if (planId == null && !yes) {
        List<String> scripts = new ArrayList<>(status.plan.scripts);
        if (!Confirmation.confirmed(
            plugin.io,
            "Approve plan "
                + current
                + " of "
                + where
                + ": "
                + KubectlViews.or(status.plan.fromVersion, "(none)")
                + " to "
                + KubectlViews.or(status.plan.toVersion, "(none)")
                + ", these scripts:",
            scripts,
            "approval of " + where + " not confirmed")) {
          return ExitCodes.REFUSED;
        }
      }
      // The same plan approved before needs a new value for the operator to act again.
      String value = current.equals(status.lastApproval) ? current + "@" + token() : current;
      plugin.annotate(client, resource, KubectlPlugin.APPROVE, value);
      plugin.io.println(
          "Approved plan "
              + current
              + " of "
              + where
              + ": the operator runs exactly its "
              + status.plan.scripts.size()
              + (status.plan.scripts.size() == 1 ? " script" : " scripts")
              + ", or nothing if the database or bundle moved since (it then plans again).");
      return ExitCodes.OK;
    }
  }

  /** {@code kubectl schemagate resume NAME}. */
  @Command(
      name = "resume",
      description =
          "Resume a halted fleet: its failed targets run again and the waves go on"
              + " (schemagate.io/resume).")
  static final class Resume extends KubectlPlugin.OnResource {
    @Override
    int run(KubernetesClient client, DatabaseMigration resource) {
      DatabaseMigrationStatus status = resource.getStatus();
      String where = KubectlPlugin.name(resource);
      if (status == null || status.fleet == null) {
        throw refused(where + " is not a fleet; there is nothing to resume");
      }
      if (!Boolean.TRUE.equals(status.fleet.halted)) {
        throw refused(
            where + " is not halted (" + KubectlViews.reason(resource) + "); nothing to resume");
      }
      plugin.annotate(client, resource, KubectlPlugin.RESUME, token());
      plugin.io.println(
          "Resumed "
              + where
              + ": its "
              + KubectlViews.or(status.fleet.failed, "0")
              + " failed targets run again.");
      return ExitCodes.OK;
    }
  }

  /** {@code kubectl schemagate repair NAME}. */
  @Command(
      name = "repair",
      description =
          "Repair a DatabaseMigration's history (schemagate.io/repair): the operator removes failed"
              + " rows and accepts edited scripts' checksums, once. Shows what it knows and asks"
              + " first (--yes for scripts).")
  static final class Repair extends KubectlPlugin.OnResource {
    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask.")
    boolean yes;

    @Override
    int run(KubernetesClient client, DatabaseMigration resource) {
      DatabaseMigrationStatus status = resource.getStatus();
      String where = KubectlPlugin.name(resource);
      List<String> details = new ArrayList<>();
      details.add("now: " + KubectlViews.reason(resource));
      if (status != null && status.failure != null) {
        details.add(
            "failure: "
                + KubectlViews.or(status.failure.script, "")
                + " "
                + KubectlViews.or(status.failure.message, ""));
      }
      if (!yes
          && !Confirmation.confirmed(
              plugin.io,
              "Repair the history of "
                  + where
                  + ": failed rows are removed and edited scripts' checksums accepted.",
              details,
              "repair of " + where + " not confirmed")) {
        return ExitCodes.REFUSED;
      }
      plugin.annotate(client, resource, KubectlPlugin.REPAIR, token());
      plugin.io.println(
          "Repair of "
              + where
              + " asked: the operator acts on it once, at its next reconcile ("
              + "'kubectl schemagate status "
              + name
              + "' follows it).");
      return ExitCodes.OK;
    }
  }
}
