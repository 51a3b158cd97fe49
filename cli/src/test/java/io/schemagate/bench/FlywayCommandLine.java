package io.schemagate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flyway's own command line, one JVM per run, as a Kubernetes Job or init container runs it
 * (without the pod start): {@code flyway migrate} with the scripts in a folder.
 */
final class FlywayCommandLine {
  private final String classpath;

  FlywayCommandLine(String classpath) {
    this.classpath = classpath;
  }

  void migrate(String jdbcUrl, String user, String schema, Path scripts)
      throws IOException, InterruptedException {
    run(
        "migrate",
        "-url=" + jdbcUrl,
        "-user=" + user,
        "-schemas=" + schema,
        "-locations=filesystem:" + scripts.toAbsolutePath());
  }

  /** {@code flyway info}: what {@code schemagate status} does, on the same database. */
  void info(String jdbcUrl, Path scripts) throws IOException, InterruptedException {
    run("info", "-url=" + jdbcUrl, "-locations=filesystem:" + scripts.toAbsolutePath());
  }

  /** {@code flyway --version}: what starting the JVM and Flyway costs with no database work. */
  void version() throws IOException, InterruptedException {
    run("--version");
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "org.flywaydb.commandline.Main"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("schemagate-bench-flyway", ".log");
    output.toFile().deleteOnExit();
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(output.toFile());
      // No telemetry calls leave the machine during a measurement.
      builder.environment().put("REDGATE_DISABLE_TELEMETRY", "true");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("flyway " + args[0] + " did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "flyway "
                + args[0]
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
