package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Operator log lines name the resource being reconciled, as text or as JSON. */
class OperatorLoggingTest {
  private final PrintStream original = System.out;

  @AfterEach
  void restore() throws Exception {
    System.setOut(original);
    MDC.clear();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private static String logOneLine(String format) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    OperatorLogging.configure(format, "info");
    MDC.put("resource.namespace", "apps");
    MDC.put("resource.name", "lets-talk");
    LoggerFactory.getLogger("io.schemagate.operator.Reconciliation")
        .warn("DatabaseUnreachable: down");
    MDC.clear();
    LoggerFactory.getLogger("io.schemagate.cli.OperatorCommand").info("started");
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textLinesCarryNamespaceAndName() {
    String[] lines = logOneLine("text").split("\n");
    assertThat(lines[0]).contains("WARN", "[apps/lets-talk]", "DatabaseUnreachable: down");
    assertThat(lines[1]).contains("INFO", "started").doesNotContain("[/]");
  }

  @Test
  void jsonLinesAreOneObjectEachWithTheResource() throws Exception {
    String[] lines = logOneLine("json").strip().split("\n");
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertThat(first.get("level").asText()).isEqualTo("WARN");
    assertThat(first.get("message").asText()).isEqualTo("DatabaseUnreachable: down");
    assertThat(first.get("mdc").get("resource.namespace").asText()).isEqualTo("apps");
    assertThat(first.get("mdc").get("resource.name").asText()).isEqualTo("lets-talk");
    assertThat(new ObjectMapper().readTree(lines[1]).get("message").asText()).isEqualTo("started");
  }

  @Test
  void everyKnownSecretIsMaskedInTextJsonAndStackTraces() throws Exception {
    io.schemagate.db.KnownSecrets.set(
        "apps/lets-talk", io.schemagate.db.Redactor.of(java.util.List.of("Log-Secret-55")));
    try {
      for (String format : new String[] {"text", "json"}) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        OperatorLogging.configure(format, "debug");
        LoggerFactory.getLogger("com.zaxxer.hikari.HikariConfig")
            .warn("jdbcUrl..........jdbc:mariadb://root:Log-Secret-55@db/app");
        LoggerFactory.getLogger("io.schemagate.operator.Reconciliation")
            .debug(
                "failed",
                new IllegalStateException(
                    "invalid input syntax for type integer: \"Log-Secret-55\""));
        String written = buffer.toString(StandardCharsets.UTF_8);
        assertThat(written).as(format).contains("root:***@db").doesNotContain("Log-Secret-55");
        if (format.equals("json")) {
          for (String line : written.strip().split("\n")) {
            new ObjectMapper().readTree(line);
          }
        }
      }
    } finally {
      io.schemagate.db.KnownSecrets.forget("apps/lets-talk");
    }
  }
}
