package io.schemagate.cli;

import io.schemagate.engine.api.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people write them: {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}, {@code
 * PT1M}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a duration; write e.g. " + Durations.FORMS));
  }
}
