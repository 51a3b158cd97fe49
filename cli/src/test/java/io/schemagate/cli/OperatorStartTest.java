package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's start against an API server that does not answer: one line, naming it. */
class OperatorStartTest {
  @Test
  void anApiServerThatDoesNotAnswerIsNamedInOneLine(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: nowhere
          cluster:
            server: https://127.0.0.1:1
        contexts:
        - name: nowhere
          context:
            cluster: nowhere
            user: nobody
        current-context: nowhere
        users:
        - name: nobody
          user:
            token: not-a-real-token-4711
        """);
    CliProcess operator =
        CliProcess.start(
            Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString()),
            "operator",
            "--http-port=0");
    int code = operator.exitCode();
    String output = operator.output();
    assertThat(code).as(output).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(output.lines().toList()).as(output).hasSize(1);
    assertThat(output)
        .startsWith("error: Cannot reach the Kubernetes API at https://127.0.0.1:1")
        .contains("check the kubeconfig (KUBECONFIG or ~/.kube/config)")
        .doesNotContain("not-a-real-token-4711", "Exception", "\tat ");
  }
}
