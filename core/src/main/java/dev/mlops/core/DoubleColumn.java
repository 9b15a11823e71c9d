package dev.mlops.core;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link ColumnType#DOUBLE} column. NaN is a value; a missing value is a null.
 *
 * <pre>{@code
 * DoubleColumn x = DoubleColumn.of(1.0, 2.5);
 * double v = x.getDouble(1);            // 2.5
 * DoubleColumn y = DoubleColumn.of(new double[] {1, 0}, new boolean[] {false, true});   // row 1 null
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class DoubleColumn extends Column {
  private final double[] values;

  private DoubleColumn(double[] values, int size, long[] nulls) {
    super(size, nulls);
    this.values = values;
  }

  /** A column of {@code values} (copied), without nulls. */
  public static DoubleColumn of(double... values) {
    return new DoubleColumn(values.clone(), values.length, null);
  }

  /**
   * A column of {@code values} (copied) where {@code nulls[i]} marks row i null; {@code nulls} may be null. The
   * value given for a null row is dropped (the slot holds NaN).
   */
  public static DoubleColumn of(double[] values, boolean[] nulls) {
    long[] mask = maskOf(nulls, values.length);
    double[] copy = values.clone();
    for (int i = 0; mask != null && i < copy.length; i++) {
      if (Bits.get(mask, i)) {
        copy[i] = Double.NaN;
      }
    }
    return new DoubleColumn(copy, copy.length, mask);
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  /** {@link ColumnType#DOUBLE}. */
  @Override
  public ColumnType type() {
    return ColumnType.DOUBLE;
  }

  /**
   * The value at {@code row}; NaN for a null row, as pandas gives for a missing float (check {@link #isNull}
   * to tell a null from a NaN value; see <a href="Column.html#nulls">nulls</a>).
   */
  public double getDouble(int row) {
    return values[checkRow(row)];
  }

  /** The value at {@code row}, boxed; {@code null} for a null row. */
  @Override
  public Double get(int row) {
    return isNull(row) ? null : values[row];
  }

  /** A copy of the values, for vectorised code; null rows hold NaN (use {@link #isNull} to tell them apart). */
  public double[] toArray() {
    double[] out = Arrays.copyOf(values, size);
    if (nulls != null) {
      for (int i = 0; i < size; i++) {
        if (Bits.get(nulls, i)) {
          out[i] = Double.NaN;
        }
      }
    }
    return out;
  }

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  @Override
  public DoubleColumn take(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[checkTakeRow(rows, i)];
    }
    return new DoubleColumn(out, rows.length, takeNulls(rows));
  }

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  @Override
  public DoubleColumn slice(int from, int to) {
    long[] mask = sliceNulls(from, to);
    return new DoubleColumn(Arrays.copyOfRange(values, from, to), to - from, mask);
  }

  static DoubleColumn concat(List<Column> parts, int total, long[] mask) {
    double[] out = new double[total];
    int at = 0;
    for (Column c : parts) {
      System.arraycopy(((DoubleColumn) c).values, 0, out, at, c.size);
      at += c.size;
    }
    return new DoubleColumn(out, total, mask);
  }

  @Override
  String format(int row) {
    return isNull(row) ? NULL_TEXT : Formats.number(values[row]);
  }

  @Override
  boolean valueEquals(int row, Column other, int otherRow) {
    boolean n = nullAt(row);
    boolean m = other.nullAt(otherRow);
    if (n || m) {
      return n && m;
    }
    return Double.compare(values[row], ((DoubleColumn) other).values[otherRow]) == 0;
  }

  @Override
  int valueHash(int row) {
    return nullAt(row) ? 0 : Double.hashCode(values[row]);
  }

  /** Builds a {@link DoubleColumn} row by row. Not thread-safe; {@link #build()} ends its use. */
  public static final class Builder {
    private double[] values;
    private long[] nulls;
    private int size;
    private boolean built;

    private Builder(int expectedRows) {
      if (expectedRows < 0) {
        throw new ValidationException("expectedRows is " + expectedRows + "; it must be 0 or more");
      }
      values = new double[Math.max(expectedRows, 16)];
    }

    /** Appends {@code value}. */
    public Builder add(double value) {
      checkOpen(built);
      if (size == values.length) {
        values = Arrays.copyOf(values, grow(size));
      }
      values[size++] = value;
      return this;
    }

    /** Appends a null. */
    public Builder addNull() {
      checkOpen(built);
      int row = size;
      add(Double.NaN);
      nulls = nulls == null ? Bits.create(values.length) : Bits.grow(nulls, size);
      Bits.set(nulls, row);
      return this;
    }

    /** Appends {@code value}, or a null when it is null. */
    public Builder add(Double value) {
      return value == null ? addNull() : add(value.doubleValue());
    }

    /** The number of rows added so far. */
    public int size() {
      return size;
    }

    /** The column; the builder cannot be used after. */
    public DoubleColumn build() {
      checkOpen(built);
      built = true;
      double[] kept = wasteful(values.length, size) ? Arrays.copyOf(values, size) : values;
      return new DoubleColumn(kept, size, nulls);
    }
  }

  static int grow(int size) {
    if (size >= Integer.MAX_VALUE - 16) {
      throw new ValidationException("a column cannot hold more than " + (Integer.MAX_VALUE - 16)
          + " rows; read the data as a FrameSource in batches");
    }
    return (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(16L, size * 2L));
  }
}
