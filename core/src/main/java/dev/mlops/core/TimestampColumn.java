package dev.mlops.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.time.Instant;

/**
 * A {@link ColumnType#TIMESTAMP} column: instants on the UTC time line, stored as microseconds since
 * 1970-01-01T00:00:00Z. Sub-microsecond digits of an {@link Instant} are truncated.
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

  /** A column of microsecond values (copied) where {@code nulls[i]} marks row i null; {@code nulls} may be null. */
  public static TimestampColumn ofMicros(long[] micros, boolean[] nulls) {
    return new TimestampColumn(micros.clone(), micros.length, maskOf(nulls, micros.length));
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  @Override
  public ColumnType type() {
    return ColumnType.TIMESTAMP;
  }

  /** The instant at {@code row}; {@code null} for a null row. */
  public Instant getInstant(int row) {
    return get(row);
  }

  /** The value at {@code row} in microseconds since the epoch; 0 for a null row. */
  public long getMicros(int row) {
    Objects.checkIndex(row, size);
    return values[row];
  }

  /** A copy of the values in microseconds since the epoch; null rows hold 0. */
  public long[] toMicrosArray() {
    return Arrays.copyOf(values, size);
  }

  /** Microseconds since the epoch of {@code instant}, truncating finer digits. */
  public static long toMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /** The instant {@code micros} microseconds after the epoch. */
  public static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static Instant box(long v) {
    return fromMicros(v);
  }

  @Override
  public Instant get(int row) {
    return isNull(row) ? null : box(values[row]);
  }

  @Override
  public TimestampColumn take(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[Objects.checkIndex(rows[i], size)];
    }
    return new TimestampColumn(out, rows.length, takeNulls(rows));
  }

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
    return isNull(row) ? "null" : String.valueOf(box(values[row]));
  }

  @Override
  boolean valueEquals(int row, Column other, int otherRow) {
    boolean n = isNull(row);
    if (n || other.isNull(otherRow)) {
      return n && other.isNull(otherRow);
    }
    return values[row] == ((TimestampColumn) other).values[otherRow];
  }

  @Override
  int valueHash(int row) {
    return isNull(row) ? 0 : Long.hashCode(values[row]);
  }

  /** Builds a {@link TimestampColumn} row by row. Not thread-safe; {@link #build()} ends its use. */
  public static final class Builder {
    private long[] values;
    private long[] nulls;
    private int size;
    private boolean built;

    private Builder(int expectedRows) {
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
      int row = size;
      addRaw(0L);
      nulls = nulls == null ? Bits.create(values.length) : Bits.grow(nulls, size);
      Bits.set(nulls, row);
      return this;
    }

    private Builder addRaw(long value) {
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
      if (built) {
        throw new IllegalStateException("build() was already called on this builder; make a new one");
      }
      built = true;
      return new TimestampColumn(values, size, nulls);
    }
  }
}
