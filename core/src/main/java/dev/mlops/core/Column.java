package dev.mlops.core;

import java.util.Arrays;
import java.util.List;

/**
 * One immutable, typed column of a {@link Frame}: values in a primitive array plus a null mask. The subclass
 * for each {@link ColumnType} adds typed getters and a builder:
 * {@link DoubleColumn}, {@link LongColumn}, {@link BooleanColumn}, {@link StringColumn},
 * {@link TimestampColumn}.
 *
 * <pre>{@code
 * DoubleColumn x = DoubleColumn.of(1.5, 2.0, 3.25);
 * DoubleColumn.Builder b = DoubleColumn.builder(3);
 * b.add(1.0).addNull().add(3.0);
 * DoubleColumn withNull = b.build();   // isNull(1) == true
 * }</pre>
 *
 * <h2 id="nulls">Nulls</h2>
 * A null is a missing value, marked in the column's null mask; in a DOUBLE column NaN is a value, not a null.
 * Every typed getter, here and on {@link Frame} and {@link Row}, follows one rule:
 * <ul>
 *   <li>{@code get}, {@code getString} and {@code getInstant} return {@code null} for a null.
 *   <li>{@code getDouble} returns NaN for a null, as pandas does for a missing float; the same holds for a
 *       LONG column read through {@link Frame#getDouble}. Since NaN may also be a value, check
 *       {@link #isNull} when the difference matters.
 *   <li>{@code getLong}, {@code getBoolean} and {@link TimestampColumn#getMicros}, whose types have no value
 *       to spare for a null, throw a {@link ValidationException} naming the row (and, on a frame or row, the
 *       column), so a null is never silently counted as 0 or {@code false}: check {@link #isNull} first, or
 *       read {@link #get}, which gives {@code null}.
 * </ul>
 * The bulk copies ({@code toArray()}, {@link TimestampColumn#toMicrosArray()}) are for vectorised code and
 * fill null rows with NaN, 0 or {@code false}, as each documents; use {@link #isNull} or {@link #nullCount}
 * beside them. A row outside {@code [0, size())} is an {@link IndexOutOfBoundsException} naming the row and
 * the row count. In {@code toString()} of columns, rows and frames a null prints as {@value #NULL_TEXT}, so it
 * reads differently from the text {@code "null"} and from NaN.
 *
 * <p>Stability: stable. Implementations are ours only (the class is sealed).
 */
public abstract sealed class Column
    permits DoubleColumn, LongColumn, BooleanColumn, StringColumn, TimestampColumn {

  /** How a null prints in {@code toString()} of columns, rows and frames. */
  static final String NULL_TEXT = "<null>";

  final int size;
  /** Bit i set means row i is null; {@code null} when the column has no nulls. */
  final long[] nulls;
  private final int nullCount;

  Column(int size, long[] nulls) {
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " < 0");
    }
    this.size = size;
    int count = nulls == null ? 0 : Bits.count(nulls, size);
    // A builder grows its mask only when it adds a null, so the mask may be shorter than the column: pad it.
    this.nulls = count == 0 ? null : nulls.length >= Bits.words(size) ? nulls : Arrays.copyOf(nulls, Bits.words(size));
    this.nullCount = count;
  }

  /** The column's type. */
  public abstract ColumnType type();

  /** The number of rows. */
  public final int size() {
    return size;
  }

  /** Whether row {@code row} is null (see <a href="#nulls">nulls</a>). */
  public final boolean isNull(int row) {
    checkRow(row);
    return nulls != null && Bits.get(nulls, row);
  }

  /** {@code row}, if it is in {@code [0, size)}; else an {@link IndexOutOfBoundsException} that says so. */
  final int checkRow(int row) {
    return Checks.row(row, size, "column");
  }

  /** {@code rows[i]}, if it is a row of this column; for {@code take}. */
  final int checkTakeRow(int[] rows, int i) {
    return Checks.takeRow(rows, i, size, "column");
  }

  /** Checks that {@code [from, to)} is a range of this column's rows; for {@code slice}. */
  final void checkRange(int from, int to) {
    Checks.range(from, to, size, "column");
  }

  /** {@link #isNull} without the bounds check, for loops that already run over {@code [0, size)}. */
  final boolean nullAt(int row) {
    return nulls != null && Bits.get(nulls, row);
  }

  /** The number of null rows. */
  public final int nullCount() {
    return nullCount;
  }

  /** Whether any row is null. */
  public final boolean hasNulls() {
    return nullCount > 0;
  }

  /**
   * The value at {@code row}, boxed: a {@code Double}, {@code Long}, {@code Boolean}, {@code String} or
   * {@code java.time.Instant}; {@code null} for a null (see <a href="#nulls">nulls</a>).
   */
  public abstract Object get(int row);

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  public abstract Column take(int[] rows);

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  public abstract Column slice(int from, int to);

  /** The value at {@code row} as a display string ({@link #NULL_TEXT} for a null). */
  abstract String format(int row);

  /** Whether the values at {@code row} here and at {@code otherRow} in {@code other} are equal (nulls equal). */
  abstract boolean valueEquals(int row, Column other, int otherRow);

  /** A hash of the value at {@code row}, consistent with {@link #valueEquals}. */
  abstract int valueHash(int row);

  /** Concatenates columns of one type into a new column. */
  static Column concat(List<Column> parts) {
    Column first = parts.get(0);
    int total = 0;
    for (Column c : parts) {
      if (c.type() != first.type()) {
        throw new ValidationException("cannot concatenate a " + c.type() + " column to a " + first.type()
            + " column; cast one of them first");
      }
      total = Math.addExact(total, c.size);
    }
    long[] mask = null;
    int at = 0;
    for (Column c : parts) {
      if (c.nulls != null) {
        mask = mask == null ? Bits.create(total) : mask;
        Bits.copy(c.nulls, 0, mask, at, c.size);
      }
      at += c.size;
    }
    return switch (first.type()) {
      case DOUBLE -> DoubleColumn.concat(parts, total, mask);
      case LONG -> LongColumn.concat(parts, total, mask);
      case BOOLEAN -> BooleanColumn.concat(parts, total, mask);
      case STRING -> StringColumn.concat(parts, total, mask);
      case TIMESTAMP -> TimestampColumn.concat(parts, total, mask);
    };
  }

  final long[] takeNulls(int[] rows) {
    if (nulls == null) {
      return null;
    }
    long[] out = Bits.create(rows.length);
    for (int i = 0; i < rows.length; i++) {
      if (Bits.get(nulls, checkTakeRow(rows, i))) {
        Bits.set(out, i);
      }
    }
    return out;
  }

  final long[] sliceNulls(int from, int to) {
    checkRange(from, to);
    if (nulls == null) {
      return null;
    }
    long[] out = Bits.create(to - from);
    Bits.copy(nulls, from, out, 0, to - from);
    return out;
  }

  static long[] maskOf(boolean[] nulls, int size) {
    if (nulls == null) {
      return null;
    }
    if (nulls.length != size) {
      throw new ValidationException("null mask has " + nulls.length + " entries but the column has " + size
          + " values; give one mask entry per value");
    }
    long[] mask = Bits.create(size);
    for (int i = 0; i < size; i++) {
      if (nulls[i]) {
        Bits.set(mask, i);
      }
    }
    return mask;
  }

  /** Equal when the other is a column of the same type and size with equal values and nulls in equal rows. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Column c) || c.type() != type() || c.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!valueEquals(i, c, i)) {
        return false;
      }
    }
    return true;
  }

  /** A hash of the type and every value, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int h = type().hashCode();
    for (int i = 0; i < size; i++) {
      h = 31 * h + valueHash(i);
    }
    return h;
  }

  /** The type and up to 20 values: {@code DOUBLE[1.5, <null>, NaN]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(type().toString()).append('[');
    int shown = Math.min(size, 20);
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ").append(format(i));
    }
    if (shown < size) {
      s.append(", ... (").append(size).append(" rows)");
    }
    return s.append(']').toString();
  }

  /** Throws if a column builder is used after {@code build()}. */
  static void checkOpen(boolean built) {
    if (built) {
      throw new IllegalStateException("build() was already called on this builder; make a new builder");
    }
  }

  /** {@code values} trimmed when a builder over-allocated by more than a quarter. */
  static boolean wasteful(int capacity, int size) {
    return capacity > 64 && capacity - size > size / 4;
  }

  /** Package-private bit-set helpers over {@code long[]} null masks. */
  static final class Bits {
    private Bits() {}

    static long[] create(int size) {
      return new long[words(size)];
    }

    static int words(int size) {
      return (size + 63) >>> 6;
    }

    static boolean get(long[] bits, int i) {
      return (bits[i >>> 6] & (1L << i)) != 0;
    }

    static void set(long[] bits, int i) {
      bits[i >>> 6] |= 1L << i;
    }

    static long[] grow(long[] bits, int size) {
      int words = (size + 63) >>> 6;
      return bits.length >= words ? bits : Arrays.copyOf(bits, Math.max(words, bits.length * 2));
    }

    static int count(long[] bits, int size) {
      int n = 0;
      int full = size >>> 6;
      for (int w = 0; w < full; w++) {
        n += Long.bitCount(bits[w]);
      }
      int rest = size & 63;
      if (rest != 0 && full < bits.length) {
        n += Long.bitCount(bits[full] & ((1L << rest) - 1));
      }
      return n;
    }

    static void copy(long[] src, int srcFrom, long[] dst, int dstFrom, int length) {
      for (int i = 0; i < length; i++) {
        if (get(src, srcFrom + i)) {
          set(dst, dstFrom + i);
        }
      }
    }
  }
}
