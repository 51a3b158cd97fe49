package io.schemagate.operator;

import io.schemagate.lint.PlanReview;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lint's reviews by plan id, the most recently used ones kept: a plan id digests everything the
 * review reads (the scripts' text, the settings, the target), so a reconcile that an annotation
 * edit or a timer starts does not parse the same plan again (up to 10 CPU-seconds for a large one).
 * The statements are left out; the operator shows findings and contract steps only.
 */
final class ReviewCache {
  private final int capacity;
  private final Map<String, PlanReview> reviews;

  ReviewCache(int capacity) {
    this.capacity = capacity;
    this.reviews =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PlanReview> eldest) {
            return size() > ReviewCache.this.capacity;
          }
        };
  }

  /** The review of the plan {@code planId}, made by {@code review} when it is not known yet. */
  PlanReview of(String planId, Supplier<PlanReview> review) {
    synchronized (this) {
      PlanReview known = reviews.get(planId);
      if (known != null) {
        return known;
      }
    }
    // Made outside the lock: a review reads the database, and other plans must not wait for it.
    PlanReview made = review.get();
    PlanReview kept = new PlanReview(made.findings(), made.contractSteps());
    synchronized (this) {
      reviews.put(planId, kept);
    }
    return kept;
  }

  synchronized int size() {
    return reviews.size();
  }
}
