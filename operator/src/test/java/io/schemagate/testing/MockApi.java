package io.schemagate.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.ConfigMapRef;
import io.schemagate.api.CredentialsSecret;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.DatabaseSpec;
import io.schemagate.api.SourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** What tests and the benchmark need to drive an operator against the mock Kubernetes API. */
public final class MockApi {
  private MockApi() {}

  /**
   * The environment that points an operator in a child process at the mock API server, with no
   * kubeconfig or service account to find; {@code namespace} may be null.
   */
  public static Map<String, String> operatorEnvironment(KubernetesClient client, String namespace) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
    if (namespace != null) {
      env.put("KUBERNETES_NAMESPACE", namespace);
    }
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    return env;
  }

  /**
   * A DatabaseMigration for {@code url} reading the ConfigMap {@code configMap} and the credentials
   * Secret {@code credentials}; either may be null.
   */
  public static DatabaseMigration migration(
      String namespace, String name, String url, String configMap, String credentials) {
    DatabaseMigration resource = new DatabaseMigration();
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    DatabaseMigrationSpec spec = new DatabaseMigrationSpec();
    spec.database = new DatabaseSpec();
    spec.database.url = url;
    if (credentials != null) {
      spec.database.credentialsSecret = new CredentialsSecret();
      spec.database.credentialsSecret.name = credentials;
    }
    spec.source = new SourceSpec();
    if (configMap != null) {
      ConfigMapRef ref = new ConfigMapRef();
      ref.name = configMap;
      spec.source.configMaps.add(ref);
    }
    resource.setSpec(spec);
    return resource;
  }
}
