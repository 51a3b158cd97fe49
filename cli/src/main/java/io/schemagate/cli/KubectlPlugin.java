package io.schemagate.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.schemagate.api.DatabaseMigration;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kubectl schemagate}: the command line as a kubectl plugin, on the DatabaseMigrations of
 * the current kubeconfig context and namespace. It reads resources and sets the annotations the
 * operator acts on; it never touches a database.
 */
@Command(
    name = "kubectl schemagate",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description =
        "DatabaseMigrations on the current kubeconfig context and namespace: their status,"
            + " plans and history, and the approvals, resumes and repairs the operator acts on.",
    subcommands = {
      KubectlViews.Status.class,
      KubectlViews.Plan.class,
      KubectlActions.Approve.class,
      KubectlActions.Resume.class,
      KubectlActions.Repair.class,
      KubectlViews.History.class,
      CommandLine.HelpCommand.class
    })
public final class KubectlPlugin {
  static final String APPROVE = "schemagate.io/approve";
  static final String RESUME = "schemagate.io/resume";
  static final String REPAIR = "schemagate.io/repair";

  /** The streams, environment and redaction of the command line. */
  final SchemagateCommand io;

  @Option(
      names = {"-n", "--namespace"},
      scope = ScopeType.INHERIT,
      description = "The namespace (default: the context's, else default).")
  String namespace;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      description = "The kubeconfig context (default: the current one).")
  String context;

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      description = "The kubeconfig file (default: KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  KubectlPlugin(SchemagateCommand io) {
    this.io = io;
  }

  /** A client of the chosen kubeconfig and context, as kubectl would use them. */
  KubernetesClient client() {
    Map<String, String> environment = io.environment;
    String file =
        kubeconfig != null
            ? kubeconfig.toString()
            : environment == null ? null : environment.get("KUBECONFIG");
    Config config =
        file == null || file.isBlank()
            ? Config.autoConfigure(context)
            : Config.fromKubeconfig(context, new File(file.split(File.pathSeparator)[0]));
    // One attempt, as kubectl makes: a server that does not answer is one line at once, not
    // twenty seconds of retries.
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  String namespace(KubernetesClient client) {
    if (namespace != null) {
      return namespace;
    }
    String current = client.getNamespace();
    return current == null || current.isBlank() ? "default" : current;
  }

  /** The named resource, or one line naming what is missing (exit 9). */
  DatabaseMigration get(KubernetesClient client, String name) {
    String where = namespace(client);
    DatabaseMigration resource =
        client.resources(DatabaseMigration.class).inNamespace(where).withName(name).get();
    if (resource == null) {
      throw new IllegalArgumentException(
          "DatabaseMigration "
              + where
              + "/"
              + name
              + " not found; 'kubectl schemagate status' lists those of the namespace");
    }
    return resource;
  }

  /** Sets one annotation with a merge patch, leaving every other field as it is. */
  void annotate(KubernetesClient client, DatabaseMigration resource, String key, String value) {
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + key
            + "\":\""
            + value.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}}}";
    client
        .resources(DatabaseMigration.class)
        .inNamespace(resource.getMetadata().getNamespace())
        .withName(resource.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** A verb on one named DatabaseMigration: it gets the client and the resource, read once. */
  abstract static class OnResource implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.ParentCommand KubectlPlugin plugin;

    @picocli.CommandLine.Parameters(paramLabel = "NAME", description = "The DatabaseMigration.")
    String name;

    abstract int run(KubernetesClient client, DatabaseMigration resource);

    @Override
    public Integer call() {
      try (KubernetesClient client = plugin.client()) {
        return run(client, plugin.get(client, name));
      }
    }
  }

  static String name(DatabaseMigration resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
