package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.engine.api.Refusals;
import io.schemagate.engine.api.StampReport;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the engine words, read as a user reads it: no code fragment (a call, a field, a
 * Java name), no {@code null}. New refusals are found by reflection, so none escapes the check.
 */
class RefusalsTextTest {
  private static final Pattern CODE =
      Pattern.compile(
          "\\w\\(\\)|\\.\\w+\\(|parts\\.|\\.scripts|\\{@|\\bnull\\b|Exception|io\\.schemagate|java\\.");

  private static Object sample(Class<?> type) {
    if (type == String.class) {
      return "V7__add_avatars.sql";
    }
    if (type == int.class) {
      return 3;
    }
    if (type == List.class) {
      return List.of("V7__add_avatars.sql", "V8__drop_names.sql");
    }
    if (type == Optional.class) {
      return Optional.of("ae1027a6acf");
    }
    if (type == StampReport.class) {
      return new StampReport("8", "6", List.of(), List.of("V8__b.sql", "V7__a.sql"));
    }
    throw new AssertionError("no sample for " + type + ": add one to this test");
  }

  @Test
  void noRefusalShowsCode() throws Exception {
    List<String> texts = new ArrayList<>();
    for (Method method : Refusals.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers()) || method.getReturnType() != String.class) {
        continue;
      }
      Object[] args =
          java.util.Arrays.stream(method.getParameterTypes())
              .map(RefusalsTextTest::sample)
              .toArray();
      texts.add((String) method.invoke(null, args));
    }
    assertThat(texts).hasSizeGreaterThanOrEqualTo(11);
    assertThat(texts)
        .allSatisfy(
            text -> {
              assertThat(text).isNotBlank();
              assertThat(CODE.matcher(text).find()).as(text).isFalse();
            });
  }

  @Test
  void theCheckItselfFindsTheFragmentsItLooksFor() {
    assertThat(CODE.matcher("add the missing U parts.scripts() first").find()).isTrue();
    assertThat(CODE.matcher("run stamp VERSION first").find()).isFalse();
  }
}
