package io.schemagate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum, maximum and percentiles of measured values. */
record Stats(double median, double min, double max, int count) {
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Stats(
        percentile(sorted, 50), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
  }

  /** The nearest-rank percentile of already sorted values. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double percentileOf(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return percentile(sorted, p);
  }
}
