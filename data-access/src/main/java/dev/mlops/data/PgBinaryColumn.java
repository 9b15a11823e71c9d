package dev.mlops.data;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * One column of a PostgreSQL binary COPY, decoded into the column {@link JdbcTypes} would build from the same
 * value read through pgjdbc's ResultSet with binary transfer: every value, null and edge case the same (NaN and
 * infinite numerics, {@code 24:00} times, infinite dates and timestamps). Only the types listed in
 * {@link #of} are decoded here; a result with any other type is read through the ResultSet. Not API.
 */
abstract class PgBinaryColumn {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Days and microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;

  static short getShort(byte[] b, int off) {
    return (short) SHORT.get(b, off);
  }

  static int getInt(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  static long getLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  /**
   * The decoder of column {@code i} of {@code md}, by the type pgjdbc reports (its JDBC type and PostgreSQL type
   * name together, so that a user type that only shares a name is not taken for a built-in), or {@code null} if the
   * binary COPY path does not decode it.
   */
  static PgBinaryColumn of(ResultSetMetaData md, int i, int batchRows) throws SQLException {
    String name = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
    switch (md.getColumnType(i)) {
      case Types.SMALLINT:
        return name.equals("int2") || name.equals("smallserial") ? new Ints(2, batchRows) : null;
      case Types.INTEGER:
        return name.equals("int4") || name.equals("serial") ? new Ints(4, batchRows) : null;
      case Types.BIGINT:
        return name.equals("int8") || name.equals("bigserial") ? new Ints(8, batchRows) : null;
      case Types.REAL:
        return name.equals("float4") ? new Floats(4, batchRows) : null;
      case Types.DOUBLE:
        return name.equals("float8") ? new Floats(8, batchRows) : null;
      case Types.NUMERIC:
        return name.equals("numeric") ? new Numerics(batchRows) : null;
      case Types.VARCHAR:
        return name.equals("text") || name.equals("varchar") ? new Texts(false, batchRows) : null;
      case Types.CHAR:
        return name.equals("bpchar") ? new Texts(false, batchRows) : null;
      case Types.OTHER:
        return name.equals("uuid") ? new Texts(true, batchRows) : null;
      case Types.BIT:
        return name.equals("bool") ? new Bools(batchRows) : null;
      case Types.DATE:
        return name.equals("date") ? new Micros(Micros.DATE, batchRows, md.getColumnLabel(i)) : null;
      case Types.TIME:
        return name.equals("time") ? new Times(batchRows) : null;
      case Types.TIMESTAMP:
        return name.equals("timestamp") ? new Micros(Micros.TIMESTAMP, batchRows, md.getColumnLabel(i))
            : name.equals("timestamptz") ? new Micros(Micros.TIMESTAMPTZ, batchRows, md.getColumnLabel(i)) : null;
      default:
        return null;
    }
  }

  /** Appends the value in {@code b[off, off + len)}. */
  abstract void add(byte[] b, int off, int len) throws SQLException;

  /** Appends a null. */
  abstract void addNull();

  /** The batch so far as a column; starts the next batch of about {@code rows} rows. */
  abstract Column finish(int rows);

  static SQLException badLength(String type, int len) {
    return new SQLException("the COPY stream holds a " + type + " value of " + len + " bytes; PostgreSQL's binary "
        + "format has " + (type.equals("bool") ? 1 : type.equals("uuid") ? 16 : 8) + " (a server speaking another "
        + "format: read it without COPY, e.g. with a query parameter)", "XX000");
  }

  /** int2, int4, int8 as LONG. */
  static final class Ints extends PgBinaryColumn {
    private final int width;
    private LongColumn.Builder b;

    Ints(int width, int rows) {
      this.width = width;
      b = LongColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (len != width) {
        throw badLength("int" + width, len);
      }
      b.add(len == 8 ? getLong(v, off) : len == 4 ? getInt(v, off) : getShort(v, off));
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = LongColumn.builder(rows);
      return c;
    }
  }

  /** float4 (widened exactly, as pgjdbc's getDouble does) and float8 as DOUBLE. */
  static final class Floats extends PgBinaryColumn {
    private final int width;
    private DoubleColumn.Builder b;

    Floats(int width, int rows) {
      this.width = width;
      b = DoubleColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (len != width) {
        throw badLength("float" + width, len);
      }
      b.add(len == 8 ? Double.longBitsToDouble(getLong(v, off)) : (double) Float.intBitsToFloat(getInt(v, off)));
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = DoubleColumn.builder(rows);
      return c;
    }
  }

  /** numeric as the nearest DOUBLE (NaN and the infinities kept), as pgjdbc's getDouble gives it. */
  private static final class Numerics extends PgBinaryColumn {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private DoubleColumn.Builder b;

    Numerics(int rows) {
      b = DoubleColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      b.add(decode(v, off, len));
    }

    /**
     * PostgreSQL's numeric: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits, the first
     * one worth 10000^weight. The result is correctly rounded, as BigDecimal.doubleValue and Double.parseDouble
     * (pgjdbc's two ways) are: exactly when the digits fit in 53 bits and the power of ten in a double (one rounding
     * of an exact product or quotient), through BigDecimal otherwise.
     */
    static double decode(byte[] v, int off, int len) throws SQLException {
      if (len < 8) {
        throw badLength("numeric", len);
      }
      int ndigits = getShort(v, off) & 0xffff;
      int weight = getShort(v, off + 2);
      int sign = getShort(v, off + 4) & 0xffff;
      if (len != 8 + 2 * ndigits) {
        throw badLength("numeric", len);
      }
      switch (sign) {
        case 0x0000:
        case 0x4000:
          break;
        case 0xC000:
          return Double.NaN;
        case 0xD000:
          return Double.POSITIVE_INFINITY;
        case 0xF000:
          return Double.NEGATIVE_INFINITY;
        default:
          throw new SQLException("the COPY stream holds a numeric with sign word 0x" + Integer.toHexString(sign)
              + "; PostgreSQL writes 0x0000, 0x4000, 0xC000, 0xD000 or 0xF000", "XX000");
      }
      if (ndigits == 0) {
        return 0.0;
      }
      int exp10 = 4 * (weight - ndigits + 1);
      if (ndigits <= 4 && exp10 >= -22 && exp10 <= 22) {
        long m = 0;
        for (int i = 0; i < ndigits; i++) {
          m = m * 10_000 + getShort(v, off + 8 + 2 * i);
        }
        if (m == 0) {
          return 0.0;
        }
        if (m < (1L << 53)) {
          double d = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
          return sign == 0 ? d : -d;
        }
      }
      StringBuilder digits = new StringBuilder(4 * ndigits + 1);
      if (sign != 0) {
        digits.append('-');
      }
      for (int i = 0; i < ndigits; i++) {
        int d = getShort(v, off + 8 + 2 * i);
        String s = Integer.toString(d);
        digits.append("0000", 0, i == 0 ? 0 : 4 - s.length()).append(s);
      }
      return new BigDecimal(new BigInteger(digits.toString()), -exp10).doubleValue();
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = DoubleColumn.builder(rows);
      return c;
    }
  }

  /**
   * text, varchar, bpchar (UTF-8, as pgjdbc sets client_encoding) and uuid (lower-case text) as STRING: codes into
   * the batch's dictionary in order of first appearance, as StringColumn.Builder numbers them.
   */
  static final class Texts extends PgBinaryColumn {
    private final boolean uuid;
    private final ByteDictionary dictionary = new ByteDictionary();
    private int[] codes;
    private int size;

    Texts(boolean uuid, int rows) {
      this.uuid = uuid;
      codes = new int[Math.max(rows, 16)];
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (uuid && len != 16) {
        throw badLength("uuid", len);
      }
      append(dictionary.code(v, off, len, uuid));
    }

    @Override
    void addNull() {
      append(-1);
    }

    private void append(int code) {
      if (size == codes.length) {
        codes = Arrays.copyOf(codes, size * 2);
      }
      codes[size++] = code;
    }

    @Override
    Column finish(int rows) {
      // ofCodes copies the codes: a full batch hands over the array itself, so no second copy is made
      Column c = StringColumn.ofCodes(size == codes.length ? codes : Arrays.copyOf(codes, size), dictionary.values());
      size = 0;
      dictionary.clear();
      return c;
    }
  }

  /** bool as BOOLEAN. */
  private static final class Bools extends PgBinaryColumn {
    private BooleanColumn.Builder b;

    Bools(int rows) {
      b = BooleanColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (len != 1) {
        throw badLength("bool", len);
      }
      b.add(v[off] != 0);
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = BooleanColumn.builder(rows);
      return c;
    }
  }

  /** time as LONG microseconds since midnight; 24:00:00 as pgjdbc reads it, LocalTime.MAX. */
  private static final class Times extends PgBinaryColumn {
    private static final long DAY = 86_400_000_000L;
    private LongColumn.Builder b;

    Times(int rows) {
      b = LongColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (len != 8) {
        throw badLength("time", len);
      }
      long micros = getLong(v, off);
      b.add(micros >= DAY ? LocalTime.MAX.toNanoOfDay() / 1000 : micros);
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = LongColumn.builder(rows);
      return c;
    }
  }

  /**
   * date, timestamp and timestamptz as TIMESTAMP micros since 1970, computed as JdbcTypes does from the java.time
   * value pgjdbc returns: a date is its midnight UTC; {@code infinity}, {@code -infinity} and values beyond
   * what a TIMESTAMP holds are the same error as there, naming the column.
   */
  private static final class Micros extends PgBinaryColumn {
    static final int DATE = 0;
    static final int TIMESTAMP = 1;
    static final int TIMESTAMPTZ = 2;
    private final int kind;
    private final String label;
    private TimestampColumn.Builder b;

    Micros(int kind, int rows, String label) {
      this.kind = kind;
      this.label = label;
      b = TimestampColumn.builder(rows);
    }

    @Override
    void add(byte[] v, int off, int len) throws SQLException {
      if (kind == DATE) {
        if (len != 4) {
          throw badLength("date", len);
        }
        int days = getInt(v, off);
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
          throw JdbcTypes.timestampOutOfRange(label); // infinity, as JdbcTypes' DateReader says
        }
        try {
          b.addMicros(Math.multiplyExact(days + PG_EPOCH_DAYS, 86_400_000_000L));
        } catch (ArithmeticException e) {
          throw JdbcTypes.timestampOutOfRange(label); // PostgreSQL's dates reach year 5874897
        }
        return;
      }
      if (len != 8) {
        throw badLength(kind == TIMESTAMP ? "timestamp" : "timestamptz", len);
      }
      long pg = getLong(v, off);
      if (pg == Long.MAX_VALUE || pg == Long.MIN_VALUE) {
        throw JdbcTypes.timestampOutOfRange(label);
      }
      long micros = pg + PG_EPOCH_MICROS;
      if (((pg ^ micros) & (PG_EPOCH_MICROS ^ micros)) < 0) {
        throw JdbcTypes.timestampOutOfRange(label);
      }
      b.addMicros(micros);
    }

    @Override
    void addNull() {
      b.addNull();
    }

    @Override
    Column finish(int rows) {
      Column c = b.build();
      b = TimestampColumn.builder(rows);
      return c;
    }
  }
}
