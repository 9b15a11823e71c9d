package dev.mlops.preprocessing.internal;

/**
 * Sums as numpy 1.24 computes {@code np.sum} / {@code np.nansum} along a contiguous axis (not API): pairwise
 * summation with eight accumulators over blocks of up to 128 values, halving (at a multiple of 8) above that.
 * Summing a batch this way gives the same bits as scikit-learn's statistics on that batch, and an error that grows
 * with {@code log n} rather than {@code n}.
 *
 * <pre>{@code
 * double s = NumpySum.nansum(values, 0, values.length);   // NaN counts as 0, as np.nansum
 * }</pre>
 */
public final class NumpySum {
  private static final int BLOCK = 128;

  private NumpySum() {}

  /** {@code np.nansum(a[from:from + n])}: the pairwise sum with NaN read as 0. */
  public static double nansum(double[] a, int from, int n) {
    if (from < 0 || n < 0 || from + n > a.length) {
      throw new IllegalArgumentException("range [" + from + ", " + (from + n) + ") is outside [0, " + a.length + ")");
    }
    // numpy's reduction starts from the identity 0 and adds the pairwise sum of the whole range
    return 0.0 + pairwise(a, from, n);
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += v(a[from + i]);
      }
      return res;
    }
    if (n <= BLOCK) {
      double r0 = v(a[from]);
      double r1 = v(a[from + 1]);
      double r2 = v(a[from + 2]);
      double r3 = v(a[from + 3]);
      double r4 = v(a[from + 4]);
      double r5 = v(a[from + 5]);
      double r6 = v(a[from + 6]);
      double r7 = v(a[from + 7]);
      int i = 8;
      int end = n - n % 8;
      for (; i < end; i += 8) {
        int j = from + i;
        r0 += v(a[j]);
        r1 += v(a[j + 1]);
        r2 += v(a[j + 2]);
        r3 += v(a[j + 3]);
        r4 += v(a[j + 4]);
        r5 += v(a[j + 5]);
        r6 += v(a[j + 6]);
        r7 += v(a[j + 7]);
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += v(a[from + i]);
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
  }

  private static double v(double x) {
    return x != x ? 0.0 : x;
  }
}
