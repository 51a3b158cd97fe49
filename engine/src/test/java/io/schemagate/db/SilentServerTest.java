package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.testing.Bundles;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that accepts connections and never answers (a tenant may run one, or point at any open
 * port): the login timeout gives up on it, so no thread waits for ever.
 */
class SilentServerTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb", "mysql"})
  void aServerThatNeverAnswersTheStartUpIsUnreachableWithinTheConnectTimeout(String scheme)
      throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (!silent.isClosed()) {
                    accepted.add(silent.accept());
                  }
                } catch (java.io.IOException e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      DatabaseUrl url =
          DatabaseUrl.parse(
              scheme + "://app@127.0.0.1:" + silent.getLocalPort() + "/app",
              TargetPolicy.tenant("apps", java.util.Optional.empty()));
      Bundle bundle = Bundles.of("V1__a.sql", "CREATE TABLE a (id INT);");

      // Two seconds of connect timeout: the run ends well inside the generous bound below, which
      // only says that it ends at all.
      EngineException failure =
          assertTimeoutPreemptively(
              Duration.ofSeconds(90),
              () ->
                  catchThrowableOfType(
                      EngineException.class,
                      () ->
                          MigrationEngine.open(
                              url,
                              bundle,
                              EngineSettings.defaults(),
                              new ConnectionSettings(Duration.ofSeconds(2), 3))));
      assertThat(failure).isNotNull();
      assertThat(failure.kind()).isEqualTo(FailureKind.UNREACHABLE);
      assertThat(accepted).isNotEmpty();
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
