package io.schemagate.testing;

import io.schemagate.cli.Main;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in this JVM with its own environment, input and captured output. */
public final class Cli {
  private final Map<String, String> environment = new HashMap<>();
  private String input = "";
  private boolean terminal;

  public Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs as if a person were at a terminal: destructive commands show their plan and ask. */
  public Cli terminal() {
    this.terminal = true;
    return this;
  }

  public Cli input(String text) {
    this.input = text;
    return this;
  }

  /** The outcome of one command. */
  public record Result(int code, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    // Library log lines go to System.err: captured too, so a test sees every line a user would.
    PrintStream systemErr = System.err;
    System.setErr(errStream);
    int code;
    try {
      code =
          Main.run(
              args,
              Map.copyOf(environment),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              errStream,
              new BufferedReader(new StringReader(input)),
              terminal);
    } finally {
      System.setErr(systemErr);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
