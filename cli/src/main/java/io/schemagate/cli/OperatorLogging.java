package io.schemagate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Log output of the operator: one line per event on stdout, as text or JSON, with the namespace and
 * name of the resource being reconciled (JOSDK puts them into the MDC), and every known secret
 * value masked.
 */
final class OperatorLogging {
  private static final String PATTERN =
      "%d{ISO8601} %-5level %replace([%X{resource.namespace}/%X{resource.name}] ){'\\[/\\] ', ''}"
          + "%logger{36} - %msg%n";

  private OperatorLogging() {}

  static void configure(String format, String level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if ("json".equalsIgnoreCase(format)) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern(PATTERN);
      text.start();
      encoder = text;
    }
    RedactingEncoder redacting = new RedactingEncoder();
    redacting.setContext(context);
    redacting.setDelegate(encoder);
    redacting.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(redacting);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    Level chosen = Level.toLevel(level, Level.INFO);
    context.getLogger("io.schemagate").setLevel(chosen);
    // Flyway's and the pool's own INFO lines repeat what the operator reports in status and
    // Events; at debug level they show what they do (SQL, pool settings), secrets masked.
    Level libraries = chosen.isGreaterOrEqual(Level.INFO) ? Level.WARN : chosen;
    context.getLogger("org.flywaydb").setLevel(libraries);
    context.getLogger("com.zaxxer.hikari").setLevel(libraries);
  }
}
