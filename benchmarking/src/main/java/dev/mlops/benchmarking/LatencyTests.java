package dev.mlops.benchmarking;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The statistical tests of the regression gate on latency histograms. Not API.
 *
 * <p>Mann-Whitney U: each histogram bucket's count is that many observations at the bucket's value (its highest
 * equivalent value; histograms of the same precision share bucket boundaries, so equal buckets are ties); U of
 * the current sample, normal approximation with tie correction and continuity correction, as
 * {@code scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True)}. With the thousands of queries a run
 * measures the normal approximation is accurate.
 *
 * <p>Quantile ratio bootstrap: a percentile bootstrap of {@code quantile(current) / quantile(baseline)}, the two
 * samples resampled independently. It needs no per-resample pass over the data: in a resample of size n the
 * count at or below bucket j is Binomial(n, F_j), so the resampled quantile is at or below bucket j exactly when
 * that count reaches the quantile's rank r; its distribution is therefore
 * {@code P(Q* <= v_j) = P(Binomial(n, F_j) >= r)} (normal approximation with continuity correction), and each
 * resample draws Q* by inverting it. Seeded; O(buckets + resamples * log(buckets)) whatever the query count.
 */
final class LatencyTests {
  private LatencyTests() {}

  /** Distinct bucket values and counts of a histogram, values divided by {@code scale}. */
  record Buckets(double[] values, long[] counts, long total) {
    static Buckets of(Histogram h, double scale) {
      int k = 0;
      for (HistogramIterationValue v : h.recordedValues()) {
        k++;
      }
      double[] values = new double[k];
      long[] counts = new long[k];
      int i = 0;
      long total = 0;
      for (HistogramIterationValue v : h.recordedValues()) {
        values[i] = h.highestEquivalentValue(v.getValueIteratedTo()) / scale;
        counts[i] = v.getCountAtValueIteratedTo();
        total += counts[i];
        i++;
      }
      return new Buckets(values, counts, total);
    }
  }

  /**
   * The Mann-Whitney U test.
   *
   * @param u U of the current sample
   * @param z the standardised statistic (positive: current tends to be larger)
   * @param pGreater one-sided p-value of "current is stochastically larger"
   * @param pLess one-sided p-value of "current is stochastically smaller"
   */
  record MannWhitney(double u, double z, double pGreater, double pLess) {}

  static MannWhitney mannWhitney(Buckets current, Buckets baseline) {
    TreeMap<Double, long[]> merged = new TreeMap<>();
    for (int i = 0; i < current.values.length; i++) {
      merged.computeIfAbsent(current.values[i], v -> new long[2])[0] += current.counts[i];
    }
    for (int i = 0; i < baseline.values.length; i++) {
      merged.computeIfAbsent(baseline.values[i], v -> new long[2])[1] += baseline.counts[i];
    }
    double n1 = current.total;
    double n2 = baseline.total;
    double n = n1 + n2;
    if (n1 == 0 || n2 == 0) {
      return new MannWhitney(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double rankSum = 0;
    double below = 0;
    double ties = 0;
    for (long[] c : merged.values()) {
      double t = c[0] + c[1];
      double midRank = below + (t + 1) / 2;
      rankSum += c[0] * midRank;
      ties += t * t * t - t;
      below += t;
    }
    double u = rankSum - n1 * (n1 + 1) / 2;
    double mean = n1 * n2 / 2;
    double var = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
    if (!(var > 0)) {
      return new MannWhitney(u, 0, 1, 1);
    }
    double sd = Math.sqrt(var);
    double zGreater = (u - mean - 0.5) / sd;
    double zLess = (u - mean + 0.5) / sd;
    return new MannWhitney(u, (u - mean) / sd, upperTail(zGreater), upperTail(-zLess));
  }

  /**
   * A percentile bootstrap of a quantile ratio.
   *
   * @param ratio the ratio of the observed quantiles
   * @param lower the {@code alpha} percentile of the resampled ratios
   * @param upper the {@code 1 - alpha} percentile
   * @param pGreater the fraction of resamples with a ratio at or below 1 (small: current is larger)
   * @param pLess the fraction with a ratio at or above 1 (small: current is smaller)
   */
  record QuantileRatio(double ratio, double lower, double upper, double pGreater, double pLess) {}

  static QuantileRatio quantileRatio(Buckets current, Buckets baseline, double q, double alpha, int resamples,
      long seed) {
    double[] gc = quantileCdf(current, q);
    double[] gb = quantileCdf(baseline, q);
    double observed = quantile(current, q) / quantile(baseline, q);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] ratios = new double[resamples];
    int atOrBelow = 0;
    int atOrAbove = 0;
    for (int r = 0; r < resamples; r++) {
      double c = current.values[draw(gc, rng.nextDouble())];
      double b = baseline.values[draw(gb, rng.nextDouble())];
      ratios[r] = c / b;
      if (ratios[r] <= 1) {
        atOrBelow++;
      }
      if (ratios[r] >= 1) {
        atOrAbove++;
      }
    }
    Arrays.sort(ratios);
    return new QuantileRatio(observed, percentile(ratios, alpha), percentile(ratios, 1 - alpha),
        (atOrBelow + 1.0) / (resamples + 1.0), (atOrAbove + 1.0) / (resamples + 1.0));
  }

  /** The value at rank {@code max(1, ceil(q * n))}. */
  static double quantile(Buckets b, double q) {
    long r = rank(b.total, q);
    long cum = 0;
    for (int j = 0; j < b.values.length; j++) {
      cum += b.counts[j];
      if (cum >= r) {
        return b.values[j];
      }
    }
    return b.values[b.values.length - 1];
  }

  private static long rank(long n, double q) {
    return Math.max(1, (long) Math.ceil(q * n - 1e-9));
  }

  /** {@code G_j = P(resampled quantile <= v_j)}, nondecreasing, last = 1. */
  private static double[] quantileCdf(Buckets b, double q) {
    double n = b.total;
    long r = rank(b.total, q);
    double[] g = new double[b.values.length];
    long cum = 0;
    for (int j = 0; j < g.length; j++) {
      cum += b.counts[j];
      double f = cum / n;
      if (cum == b.total) {
        g[j] = 1;
      } else {
        double sd = Math.sqrt(n * f * (1 - f));
        g[j] = upperTail((r - 0.5 - n * f) / sd);
      }
      if (j > 0 && g[j] < g[j - 1]) {
        g[j] = g[j - 1];
      }
    }
    return g;
  }

  private static int draw(double[] cdf, double u) {
    int i = Arrays.binarySearch(cdf, u);
    if (i < 0) {
      i = -i - 1;
    }
    // equal values: the first bucket reaching u
    while (i > 0 && cdf[i - 1] >= u) {
      i--;
    }
    return Math.min(i, cdf.length - 1);
  }

  private static double percentile(double[] sorted, double p) {
    int i = (int) Math.floor(p * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** {@code P(Z > z)} for a standard normal Z. */
  static double upperTail(double z) {
    double twoSided = PairedComparison.chiSquare1Sf(z * z); // erfc(|z| / sqrt 2) = P(|Z| > |z|)
    return z >= 0 ? twoSided / 2 : 1 - twoSided / 2;
  }
}
