package dev.mlops.core;

/**
 * The typed cell getters of {@link Frame} and {@link Row} that need more than a column look-up: widening a
 * LONG to a double, and the null rule for primitive getters (see {@link Column}). The row is already checked.
 * Not API.
 */
final class FrameCells {
  private FrameCells() {}

  static double getDouble(Frame f, int row, String column) {
    Column c = f.column(column);
    if (c instanceof DoubleColumn d) {
      return d.getDouble(row);
    }
    if (c instanceof LongColumn l) {
      return l.isNull(row) ? Double.NaN : l.getLong(row);
    }
    throw FrameOps.wrongType(column, c.type(), ColumnType.DOUBLE);
  }

  static long getLong(Frame f, int row, String column, boolean viaRow) {
    LongColumn c = f.longs(column);
    if (c.isNull(row)) {
      throw Checks.nullInFrame(row, column, "getLong", viaRow);
    }
    return c.getLong(row);
  }

  static boolean getBoolean(Frame f, int row, String column, boolean viaRow) {
    BooleanColumn c = f.booleans(column);
    if (c.isNull(row)) {
      throw Checks.nullInFrame(row, column, "getBoolean", viaRow);
    }
    return c.getBoolean(row);
  }
}
