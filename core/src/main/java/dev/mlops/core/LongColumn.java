package dev.mlops.core;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link ColumnType#LONG} column of 64-bit integers.
 *
 * <pre>{@code
 * LongColumn ids = LongColumn.of(10, 11, 12);
 * long v = ids.getLong(0);   // 10
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class LongColumn extends Column {
  private final long[] values;

  private LongColumn(long[] values, int size, long[] nulls) {
    super(size, nulls);
    this.values = values;
  }

  /** A column of {@code values} (copied), without nulls. */
  public static LongColumn of(long... values) {
    return new LongColumn(values.clone(), values.length, null);
  }

  /**
   * A column of {@code values} (copied) where {@code nulls[i]} marks row i null; {@code nulls} may be null. The
   * value given for a null row is dropped (the slot holds 0).
   */
  public static LongColumn of(long[] values, boolean[] nulls) {
    long[] mask = maskOf(nulls, values.length);
    long[] copy = values.clone();
    for (int i = 0; mask != null && i < copy.length; i++) {
      if (Bits.get(mask, i)) {
        copy[i] = 0L;
      }
    }
    return new LongColumn(copy, copy.length, mask);
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  /** {@link ColumnType#LONG}. */
  @Override
  public ColumnType type() {
    return ColumnType.LONG;
  }

  /**
   * The value at {@code row}; a {@link ValidationException} for a null row, since no {@code long} can stand for
   * one: check {@link #isNull} first, or read {@link #get}, which gives {@code null} (see
   * <a href="Column.html#nulls">nulls</a>).
   */
  public long getLong(int row) {
    if (nullAt(checkRow(row))) {
      throw Checks.nullInColumn(row, ColumnType.LONG, "getLong");
    }
    return values[row];
  }

  /** A copy of the values, for vectorised code; null rows hold 0 (use {@link #isNull} to tell them apart). */
  public long[] toArray() {
    return Arrays.copyOf(values, size);
  }

  private static Long box(long v) {
    return v;
  }

  /** The value at {@code row}, boxed; {@code null} for a null row. */
  @Override
  public Long get(int row) {
    return isNull(row) ? null : box(values[row]);
  }

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  @Override
  public LongColumn take(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[checkTakeRow(rows, i)];
    }
    return new LongColumn(out, rows.length, takeNulls(rows));
  }

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  @Override
  public LongColumn slice(int from, int to) {
    long[] mask = sliceNulls(from, to);
    return new LongColumn(Arrays.copyOfRange(values, from, to), to - from, mask);
  }

  static LongColumn concat(List<Column> parts, int total, long[] mask) {
    long[] out = new long[total];
    int at = 0;
    for (Column c : parts) {
      System.arraycopy(((LongColumn) c).values, 0, out, at, c.size);
      at += c.size;
    }
    return new LongColumn(out, total, mask);
  }

  @Override
  String format(int row) {
    return isNull(row) ? NULL_TEXT : String.valueOf(box(values[row]));
  }

  @Override
  boolean valueEquals(int row, Column other, int otherRow) {
    boolean n = nullAt(row);
    boolean m = other.nullAt(otherRow);
    if (n || m) {
      return n && m;
    }
    return values[row] == ((LongColumn) other).values[otherRow];
  }

  @Override
  int valueHash(int row) {
    return nullAt(row) ? 0 : Long.hashCode(values[row]);
  }

  /** Builds a {@link LongColumn} row by row. Not thread-safe; {@link #build()} ends its use. */
  public static final class Builder {
    private long[] values;
    private long[] nulls;
    private int size;
    private boolean built;

    private Builder(int expectedRows) {
      if (expectedRows < 0) {
        throw new ValidationException("expectedRows is " + expectedRows + "; it must be 0 or more");
      }
      values = new long[Math.max(expectedRows, 16)];
    }

    /** Appends {@code value}. */
    public Builder add(long value) {
      return addRaw(value);
    }

    /** Appends {@code value}, or a null when it is null. */
    public Builder add(Long value) {
      return value == null ? addNull() : addRaw(value);
    }

    /** Appends a null. */
    public Builder addNull() {
      checkOpen(built);
      int row = size;
      addRaw(0L);
      nulls = nulls == null ? Bits.create(values.length) : Bits.grow(nulls, size);
      Bits.set(nulls, row);
      return this;
    }

    private Builder addRaw(long value) {
      checkOpen(built);
      if (size == values.length) {
        values = Arrays.copyOf(values, DoubleColumn.grow(size));
      }
      values[size++] = value;
      return this;
    }

    /** The number of rows added so far. */
    public int size() {
      return size;
    }

    /** The column; the builder cannot be used after. */
    public LongColumn build() {
      checkOpen(built);
      built = true;
      long[] kept = wasteful(values.length, size) ? Arrays.copyOf(values, size) : values;
      return new LongColumn(kept, size, nulls);
    }
  }
}
