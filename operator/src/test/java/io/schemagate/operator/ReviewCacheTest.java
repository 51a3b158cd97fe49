package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.lint.ContractStep;
import io.schemagate.lint.PlanReview;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A plan is linted once per id; the least recently used reviews go first. */
class ReviewCacheTest {
  private static PlanReview review(String version) {
    return new PlanReview(List.of(), List.of(new ContractStep(version, "V" + version, "why")));
  }

  @Test
  void aPlanIsReviewedOncePerIdAndTheOldestGoFirst() {
    ReviewCache cache = new ReviewCache(2);
    AtomicInteger made = new AtomicInteger();
    PlanReview first = cache.of("aaa", () -> review(String.valueOf(made.incrementAndGet())));
    assertThat(cache.of("aaa", () -> review("again")).contractSteps())
        .isEqualTo(first.contractSteps());
    assertThat(made).hasValue(1);

    cache.of("bbb", () -> review("2"));
    cache.of("aaa", () -> review("again"));
    cache.of("ccc", () -> review("3"));
    assertThat(cache.size()).isEqualTo(2);
    // "bbb" was used least recently, so it went; "aaa" is still known.
    assertThat(cache.of("aaa", () -> review("again")).contractSteps().get(0).version())
        .isEqualTo("1");
    assertThat(cache.of("bbb", () -> review("new")).contractSteps().get(0).version())
        .isEqualTo("new");
  }
}
