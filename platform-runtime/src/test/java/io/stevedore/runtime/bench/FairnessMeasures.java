package io.stevedore.runtime.bench;

import java.util.Arrays;
import java.util.List;

/** The fairness benchmark's arithmetic: percentiles, weighted max-min fair shares, Jain's index. */
final class FairnessMeasures {
  private FairnessMeasures() {}

  /** The {@code q} quantile (0..1) of {@code values} by nearest rank; NaN when empty. */
  static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * Weighted max-min fair allocation of {@code capacity} to demands (water-filling): no tenant gets
   * more than it asks, and what the satisfied leave is split by weight among the others.
   */
  static double[] maxMinFair(double capacity, double[] demands, double[] weights) {
    int n = demands.length;
    double[] allocation = new double[n];
    boolean[] satisfied = new boolean[n];
    double left = capacity;
    for (int round = 0; round < n && left > 1e-12; round++) {
      double weightSum = 0;
      for (int i = 0; i < n; i++) {
        if (!satisfied[i]) {
          weightSum += weights[i];
        }
      }
      if (weightSum == 0) {
        break;
      }
      double perWeight = left / weightSum;
      boolean anySatisfied = false;
      for (int i = 0; i < n; i++) {
        if (!satisfied[i] && demands[i] - allocation[i] <= perWeight * weights[i]) {
          left -= demands[i] - allocation[i];
          allocation[i] = demands[i];
          satisfied[i] = true;
          anySatisfied = true;
        }
      }
      if (!anySatisfied) {
        for (int i = 0; i < n; i++) {
          if (!satisfied[i]) {
            allocation[i] += perWeight * weights[i];
          }
        }
        left = 0;
      }
    }
    return allocation;
  }

  /**
   * Jain's fairness index of what each tenant got relative to its fair allocation: 1 when every
   * tenant gets exactly its weighted max-min fair share, 1/n when one tenant gets everything.
   */
  static double jain(double[] achieved, double[] fair) {
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < achieved.length; i++) {
      double x = fair[i] > 0 ? achieved[i] / fair[i] : 1;
      sum += x;
      squares += x * x;
    }
    return squares == 0 ? 1 : sum * sum / (achieved.length * squares);
  }

  static String describe(double[] values) {
    return Arrays.toString(
        Arrays.stream(values)
            .mapToObj(
                v ->
                    Double.isInfinite(v)
                        ? "backlogged"
                        : String.valueOf(Math.round(v * 100) / 100.0))
            .toArray());
  }
}
