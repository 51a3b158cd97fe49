package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The command line and the operator carry one Fabric8 HTTP client, the JDK's: with two, Fabric8
 * warns at every start and picks one at random. The test class path holds everything the jar does.
 */
class OneHttpClientTest {
  @Test
  void exactlyOneHttpClientFactoryIsOnTheClassPath() {
    assertThat(ServiceLoader.load(HttpClient.Factory.class).stream().map(p -> p.type().getName()))
        .containsExactly("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory");
  }
}
