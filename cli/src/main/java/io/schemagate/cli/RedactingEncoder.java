package io.schemagate.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.schemagate.db.KnownSecrets;
import java.nio.charset.StandardCharsets;

/**
 * Wraps a log encoder and replaces every secret value the process knows ({@link KnownSecrets}) in
 * what it writes, stack traces and JSON included: drivers and the pool log URLs, properties and
 * server messages at debug level, and nothing else stands between them and the log.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
  private Encoder<ILoggingEvent> delegate;

  /** The encoder whose output is redacted. */
  public void setDelegate(Encoder<ILoggingEvent> delegate) {
    this.delegate = delegate;
  }

  /**
   * Makes every console appender of the root logger redact, as logback.xml configured it; the
   * configuration names no class of schemagate, so tools that read it elsewhere need none.
   */
  static void wrapConsole(LoggerContext context) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console
          && !(console.getEncoder() instanceof RedactingEncoder)) {
        RedactingEncoder redacting = new RedactingEncoder();
        redacting.setContext(context);
        redacting.setDelegate(console.getEncoder());
        redacting.start();
        console.setEncoder(redacting);
      }
    }
  }

  @Override
  public void start() {
    if (delegate == null) {
      addError("RedactingEncoder needs a delegate encoder");
      return;
    }
    if (!delegate.isStarted()) {
      delegate.start();
    }
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return redact(delegate.headerBytes());
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return redact(delegate.encode(event));
  }

  @Override
  public byte[] footerBytes() {
    return redact(delegate.footerBytes());
  }

  private static byte[] redact(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return bytes;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String redacted = KnownSecrets.redact(text);
    return redacted == text ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
  }
}
