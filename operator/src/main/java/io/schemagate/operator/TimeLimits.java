package io.schemagate.operator;

import io.schemagate.api.TimeoutsSpec;
import io.schemagate.db.SessionLimits;
import io.schemagate.engine.api.Durations;
import java.time.Duration;

/** A resource's time limits: its spec.timeouts over the operator's defaults, within the maxima. */
final class TimeLimits {
  private TimeLimits() {}

  /**
   * @throws Problem with {@link Reason#InvalidSpec} for a value that is not a duration, zero, or
   *     above the operator's maximum
   */
  static SessionLimits of(TimeoutsSpec spec, TenantLimits tenants) {
    SessionLimits defaults = tenants.defaults();
    SessionLimits maxima = tenants.maxima();
    if (spec == null) {
      return defaults;
    }
    return new SessionLimits(
        one(
            "spec.timeouts.statement",
            spec.statement,
            defaults.statementTimeout(),
            maxima.statementTimeout(),
            "--max-statement-timeout"),
        one(
            "spec.timeouts.lockWait",
            spec.lockWait,
            defaults.lockWaitTimeout(),
            maxima.lockWaitTimeout(),
            "--max-lock-wait-timeout"),
        one(
            "spec.timeouts.deadline",
            spec.deadline,
            defaults.deadline(),
            maxima.deadline(),
            "--max-deadline"));
  }

  private static Duration one(
      String field, String value, Duration fallback, Duration maximum, String flag) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Duration duration =
        Durations.parse(value)
            .orElseThrow(
                () ->
                    new Problem(
                        Reason.InvalidSpec,
                        field
                            + " '"
                            + value
                            + "' is not a duration; write e.g. "
                            + Durations.FORMS));
    if (duration.isZero()) {
      throw new Problem(
          Reason.InvalidSpec,
          field + " is 0, which would mean no limit; the operator bounds every migration");
    }
    if (duration.compareTo(maximum) > 0) {
      throw new Problem(
          Reason.InvalidSpec,
          field
              + " "
              + Durations.describe(duration)
              + " is above the operator's maximum of "
              + Durations.describe(maximum)
              + " ("
              + flag
              + "); lower it, or ask an administrator to raise the maximum");
    }
    return duration;
  }
}
