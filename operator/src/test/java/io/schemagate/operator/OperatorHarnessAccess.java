package io.schemagate.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.schemagate.api.DatabaseMigration;

/** Lets tests of other packages run the operator the way this package's tests do. */
public final class OperatorHarnessAccess {
  private OperatorHarnessAccess() {}

  public static AutoCloseable start(KubernetesClient client) throws Exception {
    return new OperatorHarness(client, OperatorHarness.fastSettings());
  }

  /** Installs the CRD only, without an operator. */
  public static void installCrd(KubernetesClient client) throws Exception {
    new OperatorHarness(client, null).close();
  }

  /** A resource the operator leaves alone, so a test can set its status itself. */
  public static DatabaseMigration suspended(String namespace, String name) {
    DatabaseMigration resource =
        OperatorHarness.migration(namespace, name, "h2:mem:unused", null, null);
    resource.getSpec().source.inline.put("V1__a.sql", "SELECT 1;");
    resource.getSpec().suspend = true;
    return resource;
  }
}
