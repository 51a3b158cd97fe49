package io.schemagate.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that runs the real operator loop, in this JVM or as a child process, against the
 * mock API server: an integration test. Failsafe runs these after the package phase; {@code ./mvnw
 * test} runs only the layers below (pure decisions, the engine, synchronous reconciles).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(LiveOperator.TAG)
public @interface LiveOperator {
  String TAG = "live-operator";
}
