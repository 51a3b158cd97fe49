package io.schemagate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.db.ConnectionSettings;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.rollout.ContractSteps;
import io.schemagate.rollout.SchemaVersion;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flywaydb.core.api.MigrationVersion;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemagate wait}: an init container's way to hold a pod until the schema it needs is in
 * place, for clusters or workloads that cannot use scheduling gates.
 */
@Command(
    name = "wait",
    header = "Wait until a schema version is applied",
    description = {
      "Wait until a schema version is applied, then exit 0; exit 12 on timeout.",
      "--migration reads a DatabaseMigration's status through the Kubernetes API (in-cluster or"
          + " kubeconfig), and, like the rollout gate, lets a pod that requires a contract step"
          + " start before that step runs; without it, the database's history is read directly"
          + " (DATABASE_URL)."
    })
final class WaitCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Spec CommandSpec spec;

  // Its --version is the schema version, which takes the place of the inherited -V/--version and,
  // with it, of the standard help options; --help is declared again here.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--version",
      required = true,
      description = "The version to wait for, e.g. 7 (reached when applied is at or above it).")
  String version;

  @ArgGroup(exclusive = false)
  Resource resource;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "How long to wait (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--interval",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How often to look (default ${DEFAULT-VALUE}).")
  Duration interval;

  /** The DatabaseMigration to watch instead of the database. */
  static final class Resource {
    @Option(names = "--migration", required = true, description = "DatabaseMigration name.")
    String name;

    @Option(
        names = "--namespace",
        description = "Its namespace (default: the current one, or the pod's own).")
    String namespace;
  }

  @Override
  public Integer call() throws InterruptedException {
    VersionArgument.check(spec, "--version ", version, List.of());
    MigrationVersion target =
        MigrationVersion.fromVersion(
            // VersionArgument checked it, by the same grammar.
            SchemaVersion.parse(version).orElseThrow());
    if (resource != null) {
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        String namespace = resource.namespace != null ? resource.namespace : client.getNamespace();
        String where = "DatabaseMigration " + namespace + "/" + resource.name;
        return waitFor(where, target, () -> seenOf(client, namespace, resource.name, target));
      }
    }
    Bundle none = new Bundle("(history only)", new TreeMap<>(), "", root.flywayOverrides());
    String where = root.url().redacted();
    return waitFor(
        where,
        target,
        () -> {
          try (MigrationEngine engine =
              MigrationEngine.open(
                  root.url(),
                  none,
                  root.settings(none),
                  new ConnectionSettings(root.connectTimeout, 3))) {
            return new Seen(engine.inspect().status().currentVersion(), false);
          }
        });
  }

  /**
   * What one look saw.
   *
   * @param applied the applied version
   * @param onlyContractSteps every version still pending up to the one waited for is a contract
   *     step, which waits for older pods: the pod may start, as the rollout gate lets it
   */
  record Seen(String applied, boolean onlyContractSteps) {}

  private static Seen seenOf(
      KubernetesClient client, String namespace, String name, MigrationVersion target) {
    DatabaseMigration migration =
        client.resources(DatabaseMigration.class).inNamespace(namespace).withName(name).get();
    if (migration == null || migration.getStatus() == null) {
      return new Seen(null, false);
    }
    return new Seen(
        migration.getStatus().appliedVersion,
        ContractSteps.onlyContractStepsUpTo(migration, target.getVersion()));
  }

  private int waitFor(String where, MigrationVersion target, Supplier<Seen> look)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    String problem = null;
    while (true) {
      try {
        Seen seen = look.get();
        last = seen.applied();
        problem = null;
        if (last != null && MigrationVersion.fromVersion(last).compareTo(target) >= 0) {
          root.println(where + " is at version " + last + " (waited for " + target + ").");
          return ExitCodes.OK;
        }
        if (seen.onlyContractSteps()) {
          root.println(
              where
                  + " is at version "
                  + (last == null ? "(none)" : last)
                  + "; every version up to "
                  + target
                  + " still pending is a contract step, which waits for the older pods, so this"
                  + " one may start.");
          return ExitCodes.OK;
        }
      } catch (EngineException | KubernetesClientException e) {
        // Unreachable for now: keep waiting, and say why if it lasts.
        problem = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        root.err.println(
            root.redactor.redact(
                "error: timed out after "
                    + timeout.toSeconds()
                    + " s waiting for "
                    + where
                    + " to reach version "
                    + target
                    + " (last seen: "
                    + (last == null ? "(none)" : last)
                    + ")"
                    + (problem == null ? "" : "; " + problem)));
        return ExitCodes.TIMED_OUT;
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
