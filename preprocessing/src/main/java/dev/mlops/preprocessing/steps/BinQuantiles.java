package dev.mlops.preprocessing.steps;

/**
 * numpy's {@code linspace} and {@code percentile} (default linear interpolation, numpy 1.24) to the last bit, for
 * {@link Bin}'s edges. (A general quantile helper may replace this one.)
 */
final class BinQuantiles {
  private BinQuantiles() {}

  /** {@code numpy.linspace(start, stop, num)}: {@code i * ((stop - start) / (num - 1)) + start}, the last exactly stop. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    int div = num - 1;
    double delta = stop - start;
    double step = delta / div;
    for (int i = 0; i < num; i++) {
      y[i] = step == 0 ? (double) i / div * delta + start : i * step + start;
    }
    if (num > 1) {
      y[num - 1] = stop;
    }
    return y;
  }

  /**
   * {@code numpy.percentile(values, q)} with linear interpolation, on the first {@code n} values of {@code sorted}
   * (ascending, no NaN, n at least 1): index {@code h = (n - 1) * q / 100}, then numpy's lerp
   * ({@code a + (b - a) * t} for {@code t < 0.5}, {@code b - (b - a) * (1 - t)} otherwise).
   */
  static double percentile(double[] sorted, int n, double q) {
    double virtual = (n - 1) * (q / 100);
    if (virtual >= n - 1) {
      return sorted[n - 1];
    }
    if (virtual < 0) {
      return sorted[0];
    }
    double floor = Math.floor(virtual);
    int i = (int) floor;
    double t = virtual - floor;
    double a = sorted[i];
    double b = sorted[i + 1];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
