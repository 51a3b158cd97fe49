package io.schemagate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.StatusReport;
import io.schemagate.engine.api.Versions;
import io.schemagate.operator.FleetTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code schemagate fleet status}: a fleet DatabaseMigration's targets one by one, each read from
 * its own database, where the resource's status counts them only.
 */
@Command(
    name = "fleet",
    header = "A fleet DatabaseMigration's targets, one by one",
    description = "A fleet DatabaseMigration's targets, one by one.",
    subcommands = {FleetCommand.Status.class})
final class FleetCommand {
  @ParentCommand SchemagateCommand root;

  /** One target as read from its database. */
  record Row(String target, String applied, int failedRows, String state, String problem) {}

  @Command(
      name = "status",
      description = {
        "Read each target of a fleet DatabaseMigration (spec.targets, spec.targetSecrets,"
            + " spec.schemaTargets) from its own database, with your Kubernetes rights (the"
            + " resource and the Secrets it names, as the operator resolves them), and print one"
            + " line per target: its applied version, failed rows and whether it is at the"
            + " resource's target. Exit 0 when every target is at the target, 1 otherwise."
      })
  static final class Status implements Callable<Integer> {
    @ParentCommand FleetCommand fleet;

    @Option(names = "--migration", required = true, description = "DatabaseMigration name.")
    String name;

    @Option(names = "--namespace", description = "Its namespace (default: the current one).")
    String namespace;

    @Option(
        names = "--parallelism",
        defaultValue = "8",
        description = "Targets read at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
      SchemagateCommand root = fleet.root;
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        String ns = namespace != null ? namespace : client.getNamespace();
        DatabaseMigration resource =
            client.resources(DatabaseMigration.class).inNamespace(ns).withName(name).get();
        if (resource == null) {
          root.err.println("error: DatabaseMigration " + ns + "/" + name + " does not exist");
          return ExitCodes.INVALID_CONFIGURATION;
        }
        if (!FleetTargets.isFleet(resource)) {
          root.err.println(
              "error: DatabaseMigration "
                  + ns
                  + "/"
                  + name
                  + " is one database (spec.database), not a fleet: run `schemagate status`"
                  + " against it");
          return ExitCodes.INVALID_CONFIGURATION;
        }
        String target = resource.getStatus() == null ? null : resource.getStatus().targetVersion;
        List<Row> rows =
            read(root, FleetTargets.of(client, resource, queried(root, client, resource)), target);
        if (root.json()) {
          root.printJson(rows);
        } else {
          TextTable table = new TextTable("TARGET", "APPLIED", "FAILED ROWS", "STATE", "PROBLEM");
          for (Row row : rows) {
            table.row(
                row.target(),
                row.applied() == null ? "(none)" : row.applied(),
                String.valueOf(row.failedRows()),
                row.state(),
                row.problem() == null ? "" : row.problem());
          }
          table.lines().forEach(root::println);
          root.println(
              rows.size()
                  + " targets; target version "
                  + (target == null ? "(not reported yet)" : target)
                  + ", "
                  + rows.stream().filter(r -> r.state().equals("at target")).count()
                  + " at it");
        }
        return rows.stream().allMatch(r -> r.state().equals("at target"))
            ? ExitCodes.OK
            : ExitCodes.PENDING;
      } catch (IllegalArgumentException | KubernetesClientException | EngineException e) {
        root.err.println(root.redactor.redact("error: " + e.getMessage()));
        return ExitCodes.INVALID_CONFIGURATION;
      }
    }

    /** The schemas spec.schemaTargets.query names, read as the operator reads them; or null. */
    private static List<String> queried(
        SchemagateCommand root, KubernetesClient client, DatabaseMigration resource) {
      String query = FleetTargets.schemaQuery(resource);
      if (query == null) {
        return null;
      }
      var url = FleetTargets.database(client, resource);
      synchronized (root) {
        root.redactor = root.redactor.and(url.secrets());
      }
      Bundle none = new Bundle("(history only)", new TreeMap<>(), "", FlywayOptions.none());
      try (MigrationEngine engine =
          MigrationEngine.open(
              url, none, root.settings(none), new ConnectionSettings(root.connectTimeout, 3))) {
        return io.schemagate.engine.QueryRows.firstColumn(engine, query, 10_001);
      }
    }

    private List<Row> read(
        SchemagateCommand root, List<FleetTargets.Target> targets, String targetVersion)
        throws Exception {
      ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, parallelism));
      try {
        List<Future<Row>> reads = new ArrayList<>();
        for (FleetTargets.Target target : targets) {
          reads.add(workers.submit(() -> read(root, target, targetVersion)));
        }
        List<Row> rows = new ArrayList<>();
        for (Future<Row> read : reads) {
          rows.add(read.get());
        }
        return rows;
      } finally {
        workers.shutdownNow();
      }
    }

    /** One target's history, read with a bundle of no scripts: only what was applied counts. */
    private static Row read(
        SchemagateCommand root, FleetTargets.Target target, String targetVersion) {
      if (target.url() == null) {
        return new Row(target.name(), null, 0, "unreadable", target.problem());
      }
      synchronized (root) {
        root.redactor = root.redactor.and(target.url().secrets());
      }
      FlywayOptions options = FlywayOptions.none();
      if (!target.schemas().isEmpty()) {
        options = options.with("schemas", target.schemas(), "the target's schemas");
      }
      if (target.table() != null) {
        options = options.with("table", target.table(), "the target's table");
      }
      Bundle none = new Bundle("(history only)", new TreeMap<>(), "", options);
      try (MigrationEngine engine =
          MigrationEngine.open(
              target.url(),
              none,
              root.settings(none),
              new ConnectionSettings(root.connectTimeout, 3))) {
        StatusReport status = engine.inspect().status();
        String applied = status.currentVersion();
        String state;
        if (!status.failed().isEmpty()) {
          state = "failed";
        } else if (targetVersion == null) {
          state = "unknown target";
        } else if (applied != null && Versions.compare(applied, targetVersion) >= 0) {
          state = "at target";
        } else {
          state = "behind";
        }
        return new Row(target.name(), applied, status.failed().size(), state, null);
      } catch (EngineException | IllegalArgumentException e) {
        return new Row(target.name(), null, 0, "error", e.getMessage());
      }
    }
  }
}
