package io.schemagate.operator;

import io.schemagate.api.DatabaseMigrationSpec;
import io.schemagate.api.FlywaySpec;
import io.schemagate.engine.api.FlywayOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * A resource's Flyway settings as the engine's {@link FlywayOptions}: {@code spec.flyway}'s fields
 * carry Flyway's names, so each set field becomes the setting of that name, and {@code
 * spec.database.schemas} and {@code table} become {@code schemas} and {@code table}. Each setting
 * remembers its field, so a bad value is reported as {@code spec.flyway.encoding}.
 */
final class FlywaySpecOptions {
  private FlywaySpecOptions() {}

  static FlywayOptions of(DatabaseMigrationSpec spec) {
    FlywayOptions options = FlywayOptions.none();
    if (spec.database != null) {
      options =
          options
              .with("table", spec.database.table, "spec.database.table")
              .with(
                  "schemas",
                  spec.database.schemas == null || spec.database.schemas.isEmpty()
                      ? null
                      : spec.database.schemas,
                  "spec.database.schemas");
    }
    FlywaySpec flyway = spec.flyway == null ? new FlywaySpec() : spec.flyway;
    // Reading the fields by reflection keeps one list of names: the model's.
    for (Field field : FlywaySpec.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Object value;
      try {
        value = field.get(flyway);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("FlywaySpec." + field.getName() + " is not public", e);
      }
      options = with(options, field.getName(), value);
    }
    // Fields the model does not have: each one becomes a setting, which is then refused by name.
    for (Map.Entry<String, Object> other : flyway.unknownFields().entrySet()) {
      options = with(options, other.getKey(), other.getValue());
    }
    return options;
  }

  private static FlywayOptions with(FlywayOptions options, String name, Object value) {
    String origin = "spec.flyway." + name;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        options =
            options.with(
                name + "." + entry.getKey(), entry.getValue(), origin + "." + entry.getKey());
      }
      return options;
    }
    return options.with(name, value, origin);
  }
}
