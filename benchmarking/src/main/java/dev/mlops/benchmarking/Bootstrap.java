package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap confidence intervals for every metric of a set of predictions. Each resample draws
 * {@code n} row indexes with replacement ({@link SplittableRandom} seeded with {@code seed}); every metric of that
 * resample is computed from the same rows (as per-row multiplicities, without copying features). The interval is
 * the {@code (1 - level) / 2} and {@code (1 + level) / 2} percentiles of the resampled values (linear
 * interpolation, as {@code numpy.percentile}); resamples where a metric is undefined (e.g. ROC AUC with one class
 * drawn) are left out for that metric.
 *
 * <pre>{@code
 * Map<String, Bootstrap.Interval> ci = Bootstrap.intervals(test, predictions, 1000, 0.95, 42L);
 * ci.get("accuracy");   // Interval[estimate=0.93, lower=0.91, upper=0.95, ...]
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * A metric's value on all rows and its bootstrap percentile interval.
   *
   * @param estimate the metric on the original rows
   * @param lower the lower percentile
   * @param upper the upper percentile
   * @param level the confidence level, e.g. 0.95
   * @param resamples the resamples where the metric was defined
   */
  public record Interval(double estimate, double lower, double upper, double level, int resamples) {}

  /** Intervals for every metric of {@code pred} on {@code truth}, keyed by {@link Metric#id()}. */
  public static Map<String, Interval> intervals(LabeledData truth, Predictions pred, int resamples, double level,
      long seed) {
    checkParameters(resamples, level);
    Scorers.Scorer scorer = Scorers.of(truth, pred);
    Map<String, Double> estimate = scorer.score(null).values();
    String[] names = estimate.keySet().toArray(new String[0]);
    double[][] samples = new double[names.length][resamples];
    int[] w = new int[scorer.size()];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int r = 0; r < resamples; r++) {
      draw(rng, w);
      Map<String, Double> v = scorer.score(w).values();
      for (int m = 0; m < names.length; m++) {
        samples[m][r] = v.get(names[m]);
      }
    }
    Map<String, Interval> out = new LinkedHashMap<>();
    for (int m = 0; m < names.length; m++) {
      out.put(names[m], interval(estimate.get(names[m]), samples[m], level));
    }
    return Collections.unmodifiableMap(out);
  }

  static void checkParameters(int resamples, double level) {
    if (resamples < 1) {
      throw new ValidationException("resamples is " + resamples + "; use at least 1 (1000 is usual)");
    }
    if (!(level > 0 && level < 1)) {
      throw new ValidationException("level is " + level + "; it must be in (0, 1), e.g. 0.95");
    }
  }

  /** One resample: {@code w[i]} becomes how many of the {@code w.length} draws picked row i. */
  static void draw(SplittableRandom rng, int[] w) {
    int n = w.length;
    Arrays.fill(w, 0);
    for (int i = 0; i < n; i++) {
      w[rng.nextInt(n)]++;
    }
  }

  /** The percentile interval of the non-NaN {@code values} (sorted in place). */
  static Interval interval(double estimate, double[] values, double level) {
    int m = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        values[m++] = v;
      }
    }
    Arrays.sort(values, 0, m);
    double alpha = (1 - level) / 2;
    return new Interval(estimate, percentile(values, m, alpha), percentile(values, m, 1 - alpha), level, m);
  }

  /** {@code numpy.percentile(sorted[:m], 100 * q)} with linear interpolation; NaN when m is 0. */
  static double percentile(double[] sorted, int m, double q) {
    if (m == 0) {
      return Double.NaN;
    }
    double h = (m - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, m - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
