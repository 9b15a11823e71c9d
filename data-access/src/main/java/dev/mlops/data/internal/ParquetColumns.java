package dev.mlops.data.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.data.internal.ParquetSchemas.ReadColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Values from a parquet-java {@link ColumnReader} into one of our columns, converting as {@link ParquetFrames}
 * documents (widening ints and floats, DECIMAL to double, every time unit to microseconds). Not API.
 */
final class ParquetColumns {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  /** The Julian day number of 1970-01-01, for INT96 timestamps. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private ParquetColumns() {}

  /**
   * The next {@code n} values of {@code r} as a column of {@code c}'s type; {@code where} names the file and row
   * group in errors.
   */
  static Column read(ReadColumn c, ColumnReader r, int n, String where) {
    int defined = c.descriptor().getMaxDefinitionLevel();
    switch (c.field().type()) {
      case BOOLEAN -> {
        BooleanColumn.Builder b = BooleanColumn.builder(n);
        for (int i = 0; i < n; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() < defined) {
            b.addNull();
          } else {
            b.add(r.getBoolean());
          }
        }
        return b.build();
      }
      case LONG -> {
        LongColumn.Builder b = LongColumn.builder(n);
        for (int i = 0; i < n; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() < defined) {
            b.addNull();
          } else {
            b.add(longValue(c, r, i, where));
          }
        }
        return b.build();
      }
      case DOUBLE -> {
        DoubleColumn.Builder b = DoubleColumn.builder(n);
        for (int i = 0; i < n; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() < defined) {
            b.addNull();
          } else {
            b.add(doubleValue(c, r));
          }
        }
        return b.build();
      }
      case STRING -> {
        StringColumn.Builder b = StringColumn.builder(n);
        for (int i = 0; i < n; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() < defined) {
            b.addNull();
          } else {
            b.add(r.getBinary().toStringUsingUTF8());
          }
        }
        return b.build();
      }
      case TIMESTAMP -> {
        TimestampColumn.Builder b = TimestampColumn.builder(n);
        for (int i = 0; i < n; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() < defined) {
            b.addNull();
          } else {
            b.addMicros(micros(c, r, i, where));
          }
        }
        return b.build();
      }
      default -> throw new IllegalStateException("no reader for " + c.field());
    }
  }

  private static long longValue(ReadColumn c, ColumnReader r, int row, String where) {
    return switch (c.kind()) {
      case INT32 -> r.getInteger();
      case UINT32 -> Integer.toUnsignedLong(r.getInteger());
      case INT64 -> r.getLong();
      case UINT64 -> {
        long v = r.getLong();
        if (v < 0) {
          throw new ValidationException("column '" + c.field().name() + "' of " + where + " holds the unsigned "
              + "value " + Long.toUnsignedString(v) + " (row " + (row + 1) + " of this batch), which is larger "
              + "than a LONG holds (" + Long.MAX_VALUE + "); cast it to double before writing");
        }
        yield v;
      }
      default -> throw new IllegalStateException("not a LONG kind: " + c.kind());
    };
  }

  private static double doubleValue(ReadColumn c, ColumnReader r) {
    return switch (c.kind()) {
      case FLOAT -> r.getFloat();
      case DOUBLE -> r.getDouble();
      case DECIMAL_INT32 -> BigDecimal.valueOf(r.getInteger(), c.scale()).doubleValue();
      case DECIMAL_INT64 -> BigDecimal.valueOf(r.getLong(), c.scale()).doubleValue();
      case DECIMAL_BINARY -> new BigDecimal(new BigInteger(r.getBinary().getBytes()), c.scale()).doubleValue();
      default -> throw new IllegalStateException("not a DOUBLE kind: " + c.kind());
    };
  }

  private static long micros(ReadColumn c, ColumnReader r, int row, String where) {
    try {
      return switch (c.kind()) {
        case TIMESTAMP_MICROS -> r.getLong();
        case TIMESTAMP_MILLIS -> Math.multiplyExact(r.getLong(), 1000L);
        case TIMESTAMP_NANOS -> Math.floorDiv(r.getLong(), 1000L);
        case DATE_DAYS -> Math.multiplyExact((long) r.getInteger(), MICROS_PER_DAY);
        case INT96 -> int96Micros(r.getBinary(), where);
        default -> throw new IllegalStateException("not a TIMESTAMP kind: " + c.kind());
      };
    } catch (ArithmeticException e) {
      throw new ValidationException("column '" + c.field().name() + "' of " + where + " holds a time (row "
          + (row + 1) + " of this batch) outside the TIMESTAMP range (microseconds since "
          + "1970 in a long); drop or clamp it before writing", e);
    }
  }

  /** An INT96 timestamp: eight little-endian bytes of nanoseconds in the day, then four of the Julian day. */
  private static long int96Micros(Binary b, String where) {
    if (b.length() != 12) {
      throw new IntegrityException(where + " is corrupt: an INT96 value has " + b.length() + " bytes, not 12");
    }
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = buf.getLong(buf.position());
    long day = buf.getInt(buf.position() + 8) & 0xFFFFFFFFL;
    return Math.addExact(Math.multiplyExact(day - JULIAN_EPOCH_DAY, MICROS_PER_DAY), Math.floorDiv(nanos, 1000L));
  }
}
