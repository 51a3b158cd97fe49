package io.schemagate.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of every operator test, once: before each test a Fabric8 mock API server in CRUD mode
 * with the CRD installed and, when settings are given, the real operator running against it; after
 * each test everything stopped again. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension final OperatorExtension api = OperatorExtension.running(OperatorHarness::fastSettings);
 * }</pre>
 */
public final class OperatorExtension implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<OperatorSettings> settings;
  private KubernetesMockServer server;
  private KubernetesClient client;
  private OperatorHarness harness;

  private OperatorExtension(Supplier<OperatorSettings> settings) {
    this.settings = settings;
  }

  /** An API server with an operator running these settings. */
  public static OperatorExtension running(Supplier<OperatorSettings> settings) {
    return new OperatorExtension(settings);
  }

  /** An API server with the CRD only: the test starts operators, or calls reconcile, itself. */
  public static OperatorExtension apiOnly() {
    return new OperatorExtension(null);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    // CRUD mode that still answers a test's expectations first, as @EnableKubernetesMockClient
    // does with crud = true.
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init();
    client = server.createClient();
    harness = new OperatorHarness(client, settings == null ? null : settings.get());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      harness.close();
    } finally {
      client.close();
      server.destroy();
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** The mock server, for expectations that make the API fail on purpose. */
  public KubernetesMockServer server() {
    return server;
  }

  /** The running operator's harness (with {@link #apiOnly()}, one without an operator). */
  OperatorHarness harness() {
    return harness;
  }

  /** Stops the running operator, if any, and starts one with {@code other} settings. */
  OperatorHarness restart(OperatorSettings other) throws Exception {
    harness.close();
    harness = new OperatorHarness(client, other);
    return harness;
  }
}
