package io.schemagate.engine.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Durations as people write them ({@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h},
 * {@code PT1M}) and as messages show them ({@code 500 ms}, {@code 2 s}, {@code 10 min}). The CLI's
 * options and the resource's fields read them the same way.
 */
public final class Durations {
  /** The forms {@link #parse} reads, for messages. */
  public static final String FORMS = "30s, 500ms, 2m or 1h";

  private Durations() {}

  /** The duration {@code value} writes, or empty when it is not one. */
  public static Optional<Duration> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (text.startsWith("p")) {
        duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        duration = Duration.ofSeconds(Long.parseLong(text));
      }
      return duration.isNegative() ? Optional.empty() : Optional.of(duration);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + " h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + " min";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
