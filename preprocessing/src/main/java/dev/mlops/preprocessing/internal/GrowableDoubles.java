package dev.mlops.preprocessing.internal;

import java.util.Arrays;

/**
 * A growable array of primitive doubles (not API), for fitters that need every value of a column (an exact median
 * or quantile). Not thread-safe.
 *
 * <pre>{@code
 * GrowableDoubles v = new GrowableDoubles();
 * v.addNonNaN(batchValues);
 * double[] sorted = v.sorted();
 * }</pre>
 */
public final class GrowableDoubles {
  private double[] values = new double[16];
  private int size;

  /** The number of values added. */
  public int size() {
    return size;
  }

  /** Adds {@code x}. */
  public void add(double x) {
    if (size == values.length) {
      grow(size + 1);
    }
    values[size++] = x;
  }

  /** Adds every value of {@code xs}, NaN included, in order. */
  public void addAll(double[] xs) {
    if (size + xs.length > values.length) {
      grow(size + xs.length);
    }
    System.arraycopy(xs, 0, values, size, xs.length);
    size += xs.length;
  }

  /** Adds every value of {@code xs} that is not NaN. */
  public void addNonNaN(double[] xs) {
    if (size + xs.length > values.length) {
      grow(size + xs.length);
    }
    double[] v = values;
    int s = size;
    for (double x : xs) {
      if (x == x) {
        v[s++] = x;
      }
    }
    size = s;
  }

  /** A copy of the values in the order they were added, of length {@link #size()}. */
  public double[] toArray() {
    return Arrays.copyOf(values, size);
  }

  /** A sorted copy of the values (ascending, {@link Arrays#sort(double[])} order), of length {@link #size()}. */
  public double[] sorted() {
    double[] out = Arrays.copyOf(values, size);
    Arrays.sort(out);
    return out;
  }

  private void grow(int needed) {
    long capacity = Math.max((long) needed, (long) values.length * 2);
    if (capacity > Integer.MAX_VALUE - 8) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " values in one column");
      }
      capacity = Integer.MAX_VALUE - 8;
    }
    values = Arrays.copyOf(values, (int) capacity);
  }
}
