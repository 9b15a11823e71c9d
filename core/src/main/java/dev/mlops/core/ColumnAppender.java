package dev.mlops.core;

import java.time.Instant;

/** Appends boxed values to a column of a field's type, with errors that name the column and row. */
final class ColumnAppender {
  private final Field field;
  private final DoubleColumn.Builder doubles;
  private final LongColumn.Builder longs;
  private final BooleanColumn.Builder booleans;
  private final StringColumn.Builder strings;
  private final TimestampColumn.Builder timestamps;

  ColumnAppender(Field field, int expectedRows) {
    this.field = field;
    ColumnType t = field.type();
    doubles = t == ColumnType.DOUBLE ? DoubleColumn.builder(expectedRows) : null;
    longs = t == ColumnType.LONG ? LongColumn.builder(expectedRows) : null;
    booleans = t == ColumnType.BOOLEAN ? BooleanColumn.builder(expectedRows) : null;
    strings = t == ColumnType.STRING ? StringColumn.builder(expectedRows) : null;
    timestamps = t == ColumnType.TIMESTAMP ? TimestampColumn.builder(expectedRows) : null;
  }

  void add(Object v, int row) {
    if (v == null && !field.nullable()) {
      throw new ValidationException("row " + row + " of column '" + field.name() + "' is null but the field is "
          + "declared not nullable; give a value or declare the field nullable");
    }
    switch (field.type()) {
      case DOUBLE -> {
        if (v == null) {
          doubles.addNull();
        } else if (v instanceof Number n) {
          doubles.add(n.doubleValue());
        } else {
          throw wrong(v, row, "a Number");
        }
      }
      case LONG -> {
        if (v == null) {
          longs.addNull();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
          longs.add(((Number) v).longValue());
        } else {
          throw wrong(v, row, "a Long or Integer");
        }
      }
      case BOOLEAN -> {
        if (v == null) {
          booleans.addNull();
        } else if (v instanceof Boolean b) {
          booleans.add(b.booleanValue());
        } else {
          throw wrong(v, row, "a Boolean");
        }
      }
      case STRING -> {
        if (v == null || v instanceof String) {
          strings.add((String) v);
        } else {
          throw wrong(v, row, "a String");
        }
      }
      case TIMESTAMP -> {
        if (v == null || v instanceof Instant) {
          timestamps.add((Instant) v);
        } else {
          throw wrong(v, row, "an Instant");
        }
      }
    }
  }

  private ValidationException wrong(Object v, int row, String expected) {
    return new ValidationException("row " + row + " of column '" + field.name() + "' (" + field.type()
        + ") holds " + v.getClass().getSimpleName() + " '" + v + "'; expected " + expected + " or null");
  }

  Column build() {
    return switch (field.type()) {
      case DOUBLE -> doubles.build();
      case LONG -> longs.build();
      case BOOLEAN -> booleans.build();
      case STRING -> strings.build();
      case TIMESTAMP -> timestamps.build();
    };
  }
}
