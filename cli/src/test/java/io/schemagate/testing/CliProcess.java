package io.schemagate.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in a child JVM, as a second process on the same database would. */
public final class CliProcess {
  private final Process process;
  private final Path output;

  private CliProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code schemagate <args>} with the test classpath and the given environment. */
  public static CliProcess start(Map<String, String> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildJvm.options());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.schemagate.cli.Main");
    command.addAll(List.of(args));
    Path output = Files.createTempFile("schemagate-cli", ".log");
    output.toFile().deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    builder.directory(new File(System.getProperty("java.io.tmpdir")));
    return new CliProcess(builder.start(), output);
  }

  /** Waits for the exit code (at most two minutes). */
  public int exitCode() throws InterruptedException {
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI process did not finish within two minutes");
    }
    return process.exitValue();
  }

  /** Kills the process at once (SIGKILL on Linux), as an OOM kill or a node loss would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** True while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
