package dev.mlops.preprocessing.internal;

/**
 * Quantiles of sorted values exactly as numpy 1.24 computes them with its default {@code linear} method (not API).
 * The virtual index of quantile {@code q} over {@code n} values is {@code h = (n - 1) * q}; with
 * {@code i = floor(h)} and {@code t = h - i} the result is numpy's {@code _lerp(v[i], v[i + 1], t)}:
 * {@code a + (b - a) * t} for {@code t < 0.5}, {@code b - (b - a) * (1 - t)} otherwise, and {@code v[n - 1]} once
 * {@code h >= n - 1}. A percentile {@code p} is the quantile {@code p / 100}, as {@code np.percentile} divides.
 *
 * <pre>{@code
 * double[] v = {1, 2, 3, 4};                      // sorted, NaN removed
 * Quantiles.quantile(v, 4, 0.25);                 // 1.75, as np.quantile(v, 0.25)
 * Quantiles.median(v, 4);                         // 2.5, as np.median(v)
 * }</pre>
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * Quantile {@code q} (in [0, 1]) of the first {@code count} values of {@code sorted}, which must be sorted
   * ascending and hold no NaN; NaN when {@code count} is 0.
   */
  public static double quantile(double[] sorted, int count, double q) {
    checkArgs(sorted, count);
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile " + q + " is outside [0, 1]");
    }
    if (count == 0) {
      return Double.NaN;
    }
    double h = (count - 1) * q;
    if (h >= count - 1) {
      return sorted[count - 1];
    }
    int i = (int) Math.floor(h);
    return lerp(sorted[i], sorted[i + 1], h - i);
  }

  /** The quantiles {@code qs} (each in [0, 1]) of the first {@code count} values of {@code sorted}. */
  public static double[] quantiles(double[] sorted, int count, double... qs) {
    double[] out = new double[qs.length];
    for (int j = 0; j < qs.length; j++) {
      out[j] = quantile(sorted, count, qs[j]);
    }
    return out;
  }

  /** Percentile {@code p} (in [0, 100]): {@code quantile(sorted, count, p / 100)}, as {@code np.percentile}. */
  public static double percentile(double[] sorted, int count, double p) {
    return quantile(sorted, count, p / 100.0);
  }

  /**
   * The median as {@code np.median} and {@code np.nanmedian} compute it: the middle value, or for an even count
   * {@code (a + b) / 2} of the two middle values (which can differ in the last bit from the 0.5 quantile);
   * NaN when {@code count} is 0.
   */
  public static double median(double[] sorted, int count) {
    checkArgs(sorted, count);
    if (count == 0) {
      return Double.NaN;
    }
    int mid = count / 2;
    return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** numpy 1.24's {@code _lerp}: exact at both ends, monotone in {@code t}. */
  static double lerp(double a, double b, double t) {
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  private static void checkArgs(double[] sorted, int count) {
    if (count < 0 || count > sorted.length) {
      throw new IllegalArgumentException("count " + count + " is outside [0, " + sorted.length + "]");
    }
  }
}
