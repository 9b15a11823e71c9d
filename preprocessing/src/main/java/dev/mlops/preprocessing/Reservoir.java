package dev.mlops.preprocessing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} doubles from a stream, by Li's algorithm L (skips drawn from the
 * geometric distribution, so the cost after the reservoir fills is per kept value, not per value seen). The
 * sample depends only on the seed and the values in order. Used by one thread.
 */
final class Reservoir {
  private final double[] values;
  private final SplittableRandom random;
  private long seen;
  private long next;
  private double w;

  Reservoir(int capacity, long seed, String column) {
    this.values = new double[capacity];
    this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (column.hashCode() + 1L)));
  }

  void add(double v) {
    int k = values.length;
    if (seen < k) {
      values[(int) seen] = v;
      seen++;
      if (seen == k) {
        w = Math.exp(Math.log(uniform()) / k);
        next = seen + skip();
      }
      return;
    }
    if (seen == next) {
      values[random.nextInt(k)] = v;
      w *= Math.exp(Math.log(uniform()) / k);
      next = seen + 1 + skip();
    }
    seen++;
  }

  /** The sample, in reservoir order (a copy). */
  double[] sample() {
    return Arrays.copyOf(values, (int) Math.min(seen, values.length));
  }

  private long skip() {
    double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
    return s >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) s;
  }

  private double uniform() {
    return 1.0 - random.nextDouble(); // (0, 1]
  }
}
