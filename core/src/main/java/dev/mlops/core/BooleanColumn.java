package dev.mlops.core;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link ColumnType#BOOLEAN} column.
 *
 * <pre>{@code
 * BooleanColumn flags = BooleanColumn.of(true, false, true);
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class BooleanColumn extends Column {
  private final boolean[] values;

  private BooleanColumn(boolean[] values, int size, long[] nulls) {
    super(size, nulls);
    this.values = values;
  }

  /** A column of {@code values} (copied), without nulls. */
  public static BooleanColumn of(boolean... values) {
    return new BooleanColumn(values.clone(), values.length, null);
  }

  /**
   * A column of {@code values} (copied) where {@code nulls[i]} marks row i null; {@code nulls} may be null. The
   * value given for a null row is dropped (the slot holds {@code false}).
   */
  public static BooleanColumn of(boolean[] values, boolean[] nulls) {
    long[] mask = maskOf(nulls, values.length);
    boolean[] copy = values.clone();
    for (int i = 0; mask != null && i < copy.length; i++) {
      if (Bits.get(mask, i)) {
        copy[i] = false;
      }
    }
    return new BooleanColumn(copy, copy.length, mask);
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  /** {@link ColumnType#BOOLEAN}. */
  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  /**
   * The value at {@code row}; a {@link ValidationException} for a null row, since neither {@code true} nor
   * {@code false} can stand for one: check {@link #isNull} first, or read {@link #get}, which gives
   * {@code null} (see <a href="Column.html#nulls">nulls</a>).
   */
  public boolean getBoolean(int row) {
    if (nullAt(checkRow(row))) {
      throw Checks.nullInColumn(row, ColumnType.BOOLEAN, "getBoolean");
    }
    return values[row];
  }

  /**
   * A copy of the values, for vectorised code; null rows hold {@code false} (use {@link #isNull} to tell them
   * apart).
   */
  public boolean[] toArray() {
    return Arrays.copyOf(values, size);
  }

  /** The value at {@code row}, boxed; {@code null} for a null row. */
  @Override
  public Boolean get(int row) {
    return isNull(row) ? null : values[row];
  }

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  @Override
  public BooleanColumn take(int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[checkTakeRow(rows, i)];
    }
    return new BooleanColumn(out, rows.length, takeNulls(rows));
  }

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  @Override
  public BooleanColumn slice(int from, int to) {
    long[] mask = sliceNulls(from, to);
    return new BooleanColumn(Arrays.copyOfRange(values, from, to), to - from, mask);
  }

  static BooleanColumn concat(List<Column> parts, int total, long[] mask) {
    boolean[] out = new boolean[total];
    int at = 0;
    for (Column c : parts) {
      System.arraycopy(((BooleanColumn) c).values, 0, out, at, c.size);
      at += c.size;
    }
    return new BooleanColumn(out, total, mask);
  }

  @Override
  String format(int row) {
    return isNull(row) ? NULL_TEXT : String.valueOf(values[row]);
  }

  @Override
  boolean valueEquals(int row, Column other, int otherRow) {
    boolean n = nullAt(row);
    boolean m = other.nullAt(otherRow);
    if (n || m) {
      return n && m;
    }
    return values[row] == ((BooleanColumn) other).values[otherRow];
  }

  @Override
  int valueHash(int row) {
    return nullAt(row) ? 0 : Boolean.hashCode(values[row]);
  }

  /** Builds a {@link BooleanColumn} row by row. Not thread-safe; {@link #build()} ends its use. */
  public static final class Builder {
    private boolean[] values;
    private long[] nulls;
    private int size;
    private boolean built;

    private Builder(int expectedRows) {
      if (expectedRows < 0) {
        throw new ValidationException("expectedRows is " + expectedRows + "; it must be 0 or more");
      }
      values = new boolean[Math.max(expectedRows, 16)];
    }

    /** Appends {@code value}. */
    public Builder add(boolean value) {
      checkOpen(built);
      if (size == values.length) {
        values = Arrays.copyOf(values, DoubleColumn.grow(size));
      }
      values[size++] = value;
      return this;
    }

    /** Appends {@code value}, or a null when it is null. */
    public Builder add(Boolean value) {
      return value == null ? addNull() : add(value.booleanValue());
    }

    /** Appends a null. */
    public Builder addNull() {
      checkOpen(built);
      int row = size;
      add(false);
      nulls = nulls == null ? Bits.create(values.length) : Bits.grow(nulls, size);
      Bits.set(nulls, row);
      return this;
    }

    /** The number of rows added so far. */
    public int size() {
      return size;
    }

    /** The column; the builder cannot be used after. */
    public BooleanColumn build() {
      checkOpen(built);
      built = true;
      boolean[] kept = wasteful(values.length, size) ? Arrays.copyOf(values, size) : values;
      return new BooleanColumn(kept, size, nulls);
    }
  }
}
