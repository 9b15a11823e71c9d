package dev.mlops.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link ColumnType#TIMESTAMP} column: instants on the UTC time line, stored as microseconds since
 * 1970-01-01T00:00:00Z. Sub-microsecond digits of an {@link Instant} are truncated toward the past, as
 * {@code instant.truncatedTo(ChronoUnit.MICROS)} does (so {@code 1969-12-31T23:59:59.999999999Z} becomes
 * {@code ...59.999999Z}). The range is about 292,000 years either side of 1970.
 *
 * <pre>{@code
 * TimestampColumn t = TimestampColumn.of(Instant.parse("2026-11-27T10:15:30Z"));
 * Instant i = t.getInstant(0);
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class TimestampColumn extends Column {
  private final long[] values;

  private TimestampColumn(long[] values, int size, long[] nulls) {
    super(size, nulls);
    this.values = values;
  }

  /** A column of {@code instants}; null elements become nulls. */
  public static TimestampColumn of(Instant... instants) {
    Builder b = builder(instants.length);
    for (Instant i : instants) {
      b.add(i);
    }
    return b.build();
  }

  /**
   * A column of microsecond values (copied) where {@code nulls[i]} marks row i null; {@code nulls} may be null.
   * The value given for a null row is dropped (the slot holds 0).
   */
  public static TimestampColumn ofMicros(long[] micros, boolean[] nulls) {
    long[] mask = maskOf(nulls, micros.length);
    long[] copy = micros.clone();
    for (int i = 0; mask != null && i < copy.length; i++) {
      if (Bits.get(mask, i)) {
        copy[i] = 0L;
      }
    }
    return new TimestampColumn(copy, copy.length, mask);
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  /** {@link ColumnType#TIMESTAMP}. */
  @Override
  public ColumnType type() {
    return ColumnType.TIMESTAMP;
  }

  /** The instant at {@code row}; {@code null} for a null row (see <a href="Column.html#nulls">nulls</a>). */
  public Instant getInstant(int row) {
    return get(row);
  }

  /**
   * The value at {@code row} in microseconds since the epoch; a {@link ValidationException} for a null row,
   * since every {@code long} is an instant: check {@link #isNull} first, or read {@link #getInstant}, which
   * gives {@code null} (see <a href="Column.html#nulls">nulls</a>).
   */
  public long getMicros(int row) {
    if (nullAt(checkRow(row))) {
      throw Checks.nullInColumn(row, ColumnType.TIMESTAMP, "getMicros");
    }
    return values[row];
  }

  /**
   * A copy of the values in microseconds since the epoch, for vectorised code; null rows hold 0 (use
   * {@link #isNull} to tell them apart).
   */
  public long[] toMicrosArray() {
    return Arrays.copyOf(values, size);
  }

  /**
   * Microseconds since the epoch of {@code instant}, truncating finer digits toward the past; a
   * {@link ValidationException} for an instant outside the range a {@code long} of microseconds holds.
   */
  public static long toMicros(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new ValidationException("instant " + instant + " is outside the TIMESTAMP range (microseconds since "
          + "1970 in a long, about 292,000 years either side); clamp or drop it", e);
    }
  }

  /** The instant {@code micros} microseconds after the epoch. */
  public static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static Instant box(long v) {
    return fromMicros(v);
  }

  /** The instant at {@code row}; {@code null} for a null row. */
  @Override
  public Instant get(int row) {
    return isNull(row) ? null : box(values[row]);
  }

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  @Override
  public TimestampColumn take(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[checkTakeRow(rows, i)];
    }
    return new TimestampColumn(out, rows.length, takeNulls(rows));
  }

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  @Override
  public TimestampColumn slice(int from, int to) {
    long[] mask = sliceNulls(from, to);
    return new TimestampColumn(Arrays.copyOfRange(values, from, to), to - from, mask);
  }

  static TimestampColumn concat(List<Column> parts, int total, long[] mask) {
    long[] out = new long[total];
    int at = 0;
    for (Column c : parts) {
      System.arraycopy(((TimestampColumn) c).values, 0, out, at, c.size);
      at += c.size;
    }
    return new TimestampColumn(out, total, mask);
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
    return values[row] == ((TimestampColumn) other).values[otherRow];
  }

  @Override
  int valueHash(int row) {
    return nullAt(row) ? 0 : Long.hashCode(values[row]);
  }

  /** Builds a {@link TimestampColumn} row by row. Not thread-safe; {@link #build()} ends its use. */
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

    /** Appends {@code instant}, or a null when it is null. */
    public Builder add(Instant instant) {
      return instant == null ? addNull() : addRaw(toMicros(instant));
    }

    /** Appends a value in microseconds since the epoch. */
    public Builder addMicros(long micros) {
      return addRaw(micros);
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
    public TimestampColumn build() {
      checkOpen(built);
      built = true;
      long[] kept = wasteful(values.length, size) ? Arrays.copyOf(values, size) : values;
      return new TimestampColumn(kept, size, nulls);
    }
  }
}
