package dev.mlops.core;

import java.time.Instant;

/**
 * A light view of one row of a {@link Frame}: it copies nothing, and reads through to the columns.
 *
 * <pre>{@code
 * for (Row r : frame) {
 *   if (!r.isNull("x")) total += r.getDouble("x");
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class Row {
  private final Frame frame;
  int index;

  Row(Frame frame, int index) {
    this.frame = frame;
    this.index = index;
  }

  /** The row's position in its frame. */
  public int index() {
    return index;
  }

  /** The value in {@code column}, boxed; {@code null} for a null (see <a href="Column.html#nulls">nulls</a>). */
  public Object get(String column) {
    return frame.column(column).get(index);
  }

  /** The value in the column at {@code column}, boxed; {@code null} for a null. */
  public Object get(int column) {
    return frame.column(column).get(index);
  }

  /** Whether the value in {@code column} is null. */
  public boolean isNull(String column) {
    return frame.column(column).isNull(index);
  }

  /**
   * The DOUBLE (or widened LONG) in {@code column}; NaN for a null, as in pandas (check {@link #isNull} to
   * tell it from a NaN value). See <a href="Column.html#nulls">nulls</a>.
   */
  public double getDouble(String column) {
    return frame.getDouble(index, column);
  }

  /**
   * The LONG in {@code column}; a {@link ValidationException} naming the row and column for a null, so check
   * {@link #isNull} first or read {@link #get(String)}. See <a href="Column.html#nulls">nulls</a>.
   */
  public long getLong(String column) {
    return FrameCells.getLong(frame, index, column, true);
  }

  /**
   * The BOOLEAN in {@code column}; a {@link ValidationException} naming the row and column for a null, so
   * check {@link #isNull} first or read {@link #get(String)}. See <a href="Column.html#nulls">nulls</a>.
   */
  public boolean getBoolean(String column) {
    return FrameCells.getBoolean(frame, index, column, true);
  }

  /** The STRING in {@code column}; {@code null} for a null. */
  public String getString(String column) {
    return frame.getString(index, column);
  }

  /** The TIMESTAMP in {@code column}; {@code null} for a null. */
  public Instant getInstant(String column) {
    return frame.getInstant(index, column);
  }

  /** The values by column name, nulls as {@code <null>}: {@code {x=1.0, kind=<null>}}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("{");
    for (int c = 0; c < frame.columnCount(); c++) {
      s.append(c == 0 ? "" : ", ").append(frame.schema().field(c).name()).append('=')
          .append(frame.column(c).format(index));
    }
    return s.append('}').toString();
  }
}
