package io.schemagate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.schemagate.db.InvalidDatabaseUrlException;
import io.schemagate.engine.api.BundleException;
import io.schemagate.engine.api.EngineException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the schemagate jar: {@code java -jar schemagate.jar <command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code =
        run(
            args,
            System.getenv(),
            System.out,
            System.err,
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            System.console() != null);
    System.exit(code);
  }

  /** Runs one command with the given environment and streams; returns the exit code. */
  public static int run(
      String[] args,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      BufferedReader in) {
    return run(args, environment, out, err, in, false);
  }

  /**
   * Runs one command; {@code interactive} says a person is at a terminal, so a command that
   * destroys data shows its plan and asks.
   */
  public static int run(
      String[] args,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      BufferedReader in,
      boolean interactive) {
    configureLogging(Arrays.asList(args).contains("--debug"));
    SchemagateCommand root = new SchemagateCommand();
    root.out = out;
    root.err = err;
    root.in = in;
    root.interactive = interactive;
    root.environment = environment;
    // kubectl-schemagate runs the same jar as a kubectl plugin, with its own commands.
    boolean plugin = "kubectl".equals(environment.get("SCHEMAGATE_PLUGIN"));
    CommandLine cli = plugin ? new CommandLine(new KubectlPlugin(root)) : new CommandLine(root);
    if (plugin) {
      cli.setCommandName("kubectl schemagate");
    } else {
      // migrate.sh says what the user typed, so usage lines name it and not the jar's command.
      cli.setCommandName(environment.getOrDefault("SCHEMAGATE_PROGRAM", "schemagate"));
      HelpLayout.apply(cli);
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // Help shows each option's own default beside the variable that sets it, not the value this
    // environment happens to give (migrate.sh points MIGRATIONS_DIR at an absolute folder).
    java.util.List<String> words = Arrays.asList(args);
    boolean help =
        words.contains("--help")
            || words.contains("-h")
            || words.stream().findFirst().equals(java.util.Optional.of("help"));
    cli.setDefaultValueProvider(new EnvironmentDefaults(help ? Map.of() : environment));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(new UsageErrors(root));
    cli.setExecutionExceptionHandler(
        (Exception failure, CommandLine command, ParseResult parsed) -> fail(root, failure));
    return cli.execute(args);
  }

  private static int fail(SchemagateCommand root, Exception failure) {
    int code;
    if (failure instanceof io.fabric8.kubernetes.client.KubernetesClientException kube) {
      return kubernetes(root, kube);
    }
    if (failure instanceof EngineException engine) {
      code = ExitCodes.of(engine.kind());
    } else if (failure instanceof BundleException
        || failure instanceof InvalidDatabaseUrlException
        || failure instanceof IllegalArgumentException
        || failure instanceof UncheckedIOException) {
      code = ExitCodes.INVALID_CONFIGURATION;
    } else {
      code = ExitCodes.INTERNAL;
    }
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    root.err.println(root.redactor.redact("error: " + message));
    if (root.debug) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      root.err.println(root.redactor.redact(trace.toString()));
    } else if (code == ExitCodes.INTERNAL) {
      root.err.println("(run again with --debug for the stack trace)");
    }
    return code;
  }

  /**
   * A failed Kubernetes request, in one line: unreachable (3), refused (4, 14), or rejected (9).
   */
  private static int kubernetes(
      SchemagateCommand root, io.fabric8.kubernetes.client.KubernetesClientException failure) {
    int status = failure.getCode();
    int code =
        status <= 0
            ? ExitCodes.UNREACHABLE
            : status == 401
                ? ExitCodes.AUTHENTICATION_FAILED
                : status == 403 ? ExitCodes.PERMISSION_DENIED : ExitCodes.INVALID_CONFIGURATION;
    String message =
        status <= 0
            ? "Cannot reach the Kubernetes API: "
                + ApiServerCheck.cause(failure)
                + "; check the kubeconfig (KUBECONFIG or ~/.kube/config) and its context"
            : "The Kubernetes API answered HTTP "
                + status
                + (failure.getStatus() == null || failure.getStatus().getMessage() == null
                    ? ""
                    : ": " + failure.getStatus().getMessage());
    root.err.println(root.redactor.redact("error: " + message));
    return code;
  }

  /**
   * The CLI speaks for itself: Flyway's and the pool's own log lines would repeat its messages, so
   * they show only with --debug.
   */
  private static void configureLogging(boolean debug) {
    RedactingEncoder.wrapConsole((LoggerContext) LoggerFactory.getILoggerFactory());
    // Every library's own lines (the MariaDB driver logs each error packet at WARN) stay out of
    // the one error line a command prints; --debug shows them all.
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(debug ? Level.DEBUG : Level.OFF);
  }
}
