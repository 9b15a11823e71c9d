package dev.mlops.data;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How SQL column types become our column types: an explicit policy, the same for every driver, recorded in each
 * query's schema (every field carries a tag {@code sql:<type name>} naming the database's type, so a reader of a
 * snapshot knows a DOUBLE came from a NUMERIC).
 *
 * <table>
 *   <caption>The policy ({@value #POLICY})</caption>
 *   <tr><th>SQL</th><th>ours</th><th>how</th></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT (signed or unsigned)</td><td>LONG</td><td>exact; an unsigned
 *       BIGINT above 2<sup>63</sup>-1 is an error naming the column</td></tr>
 *   <tr><td>REAL, FLOAT, DOUBLE</td><td>DOUBLE</td><td>exact (REAL widened)</td></tr>
 *   <tr><td>NUMERIC, DECIMAL, DECFLOAT</td><td>DOUBLE</td><td>nearest double (15-17 significant digits; cast to
 *       text in SQL to keep every digit); NaN, Infinity and -Infinity kept</td></tr>
 *   <tr><td>BOOLEAN, BIT(1), MariaDB's TINYINT(1)</td><td>BOOLEAN</td><td></td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT, CLOB, NCHAR, NVARCHAR, UUID, JSON</td><td>STRING</td><td>the driver's text</td></tr>
 *   <tr><td>DATE</td><td>TIMESTAMP</td><td>midnight UTC of that date</td></tr>
 *   <tr><td>TIME</td><td>LONG</td><td>microseconds since midnight</td></tr>
 *   <tr><td>TIMESTAMP (without time zone), DATETIME</td><td>TIMESTAMP</td><td>the wall-clock value read as UTC
 *       (MariaDB and MySQL sessions run in UTC, so their TIMESTAMP values are UTC instants)</td></tr>
 *   <tr><td>TIMESTAMP WITH TIME ZONE, timestamptz</td><td>TIMESTAMP</td><td>the instant, in UTC</td></tr>
 *   <tr><td>NULL in any of these</td><td>a null of the column's type</td><td></td></tr>
 *   <tr><td>anything else (BLOB, bytea, ARRAY, interval, TIME WITH TIME ZONE, ...)</td><td>an error</td><td>naming the
 *       column and its type; cast it in SQL or leave it out</td></tr>
 * </table>
 *
 * <p>Timestamps are kept to the microsecond (our TIMESTAMP's resolution); finer digits are truncated.
 *
 * <p>Stability: experimental. A change to the policy changes {@link #POLICY}.
 */
public final class JdbcTypes {
  /** The id of this policy, recorded in snapshot manifests. */
  public static final String POLICY = "mlops-jdbc-types@1";
  /** The prefix of the tag that names a field's SQL type, e.g. {@code sql:numeric}. */
  public static final String SQL_TAG_PREFIX = "sql:";

  private JdbcTypes() {}

  /** A result's schema and the readers that fill one batch of columns. */
  record Mapping(Schema schema, List<Reader> readers) {}

  /** Maps the columns of a result, tagging {@code pii} those {@code config} names; see the class comment. */
  static Mapping map(ResultSetMetaData md, JdbcConfig config) throws SQLException {
    int n = md.getColumnCount();
    List<Field> fields = new ArrayList<>(n);
    List<Reader> readers = new ArrayList<>(n);
    Set<String> labels = new HashSet<>();
    Set<String> anyTable = config.piiColumns(null, "*");
    for (int i = 1; i <= n; i++) {
      String label = md.getColumnLabel(i);
      if (!labels.add(label.toLowerCase(Locale.ROOT))) {
        throw new ValidationException("the query returns two columns named '" + label + "' (names compare without "
            + "case); give them distinct names with AS");
      }
      String typeName = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
      Reader r = reader(md.getColumnType(i), typeName, md.getPrecision(i), label, i);
      Set<String> tags = new LinkedHashSet<>();
      tags.add(SQL_TAG_PREFIX + typeName.replace(' ', '_'));
      if (isPii(md, i, label, config, anyTable)) {
        tags.add(Field.PII);
      }
      boolean nullable = md.isNullable(i) != ResultSetMetaData.columnNoNulls;
      fields.add(new Field(label, r.type(), nullable, tags));
      readers.add(r);
    }
    return new Mapping(new Schema(fields), readers);
  }

  /**
   * Whether column {@code i} holds a column the config tags {@code pii}: by its origin (schema, table and column as
   * the driver reports them; on PostgreSQL the base names, so an alias does not hide one; {@code *} entries by the
   * origin's name or the label). A column without an origin (an expression such as {@code lower(email) AS email})
   * is tagged, failing safe, when its label names a tagged column of any table. Not seen through: views (tag their
   * columns under the view's name) and, on MariaDB and H2, derived tables (whose origin is the derived table).
   */
  private static boolean isPii(ResultSetMetaData md, int i, String label, JdbcConfig config, Set<String> anyTable)
      throws SQLException {
    if (config.pii().isEmpty()) {
      return false;
    }
    String l = label.toLowerCase(Locale.ROOT);
    if (anyTable.contains(l)) {
      return true;
    }
    String[] origin = PgBaseNames.of(md, i);
    String schema = origin != null ? origin[0] : md.getSchemaName(i);
    String table = origin != null ? origin[1] : md.getTableName(i);
    String column = origin != null ? origin[2] : md.getColumnName(i);
    if (table == null || table.isEmpty() || column == null || column.isEmpty()) {
      for (Set<String> columns : config.pii().values()) {
        if (columns.contains(l)) {
          return true;
        }
      }
      return false;
    }
    String c = column.toLowerCase(Locale.ROOT);
    return anyTable.contains(c) || config.piiColumns(schema, table).contains(c) || config.piiColumns(schema, table)
        .contains(l);
  }

  /** PostgreSQL's base schema, table and column of a result column, read through pgjdbc's own metadata API. */
  private static final class PgBaseNames {
    private PgBaseNames() {}

    static String[] of(ResultSetMetaData md, int i) {
      try {
        Class<?> pg = Class.forName("org.postgresql.PGResultSetMetaData", false, md.getClass().getClassLoader());
        if (!md.isWrapperFor(pg)) {
          return null;
        }
        Object m = md.unwrap(pg);
        String schema = (String) pg.getMethod("getBaseSchemaName", int.class).invoke(m, i);
        String table = (String) pg.getMethod("getBaseTableName", int.class).invoke(m, i);
        String column = (String) pg.getMethod("getBaseColumnName", int.class).invoke(m, i);
        return new String[] {schema, table, column};
      } catch (ReflectiveOperationException | SQLException | LinkageError e) {
        return null; // not PostgreSQL
      }
    }
  }

  private static Reader reader(int sqlType, String typeName, int precision, String label, int index) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return typeName.startsWith("tinyint") && precision == 1 ? new BooleanReader(index) : new LongReader(index, label);
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.NUMERIC:
      case Types.DECIMAL:
        return new DoubleReader(index);
      case Types.BOOLEAN:
        return new BooleanReader(index);
      case Types.BIT:
        if (precision <= 1 || typeName.equals("bool") || typeName.equals("boolean")) {
          return new BooleanReader(index);
        }
        break;
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
        return new StringReader(index);
      case Types.DATE:
        return new DateReader(index);
      case Types.TIME:
        if (!typeName.equals("timetz")) {
          return new TimeReader(index);
        }
        break;
      case Types.TIMESTAMP:
        return typeName.equals("timestamptz") ? new InstantReader(index) : new LocalTimestampReader(index);
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return new InstantReader(index);
      case Types.OTHER:
        if (typeName.equals("uuid") || typeName.equals("json") || typeName.equals("jsonb")) {
          return new StringReader(index);
        }
        if (typeName.equals("decfloat")) {
          return new DoubleReader(index);
        }
        break;
      default:
        if (typeName.equals("decfloat")) {
          return new DoubleReader(index);
        }
        break;
    }
    throw new ValidationException("column '" + label + "' has SQL type " + (typeName.isEmpty() ? "?" : typeName)
        + " (java.sql.Types " + sqlType + "), which " + POLICY + " does not map; cast it in the SQL (to text, a number "
        + "or a timestamp) or leave the column out");
  }

  /** The error for a date or time a TIMESTAMP cannot hold, e.g. PostgreSQL's infinity. */
  static ValidationException timestampOutOfRange(String label) {
    return new ValidationException("column '" + label + "' holds a date or time outside what a TIMESTAMP holds "
        + "(years -290308 to 294247; PostgreSQL's 'infinity' and '-infinity' among them); map it in the SQL, e.g. "
        + "CASE WHEN isfinite(" + label + ") THEN " + label + " END, or cast it to text");
  }

  /** Reads one column of a result into a batch. */
  abstract static class Reader {
    final int index;

    Reader(int index) {
      this.index = index;
    }

    abstract ColumnType type();

    /** Appends the current row's value. */
    abstract void read(ResultSet rs) throws SQLException;

    /** The batch read so far, as a column; starts the next batch. */
    abstract Column finish(int expectedRows);

    abstract void start(int expectedRows);
  }

  private static final class LongReader extends Reader {
    private final String label;
    private LongColumn.Builder b;

    LongReader(int index, String label) {
      super(index);
      this.label = label;
    }

    @Override
    ColumnType type() {
      return ColumnType.LONG;
    }

    @Override
    void start(int rows) {
      b = LongColumn.builder(rows);
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      long v;
      try {
        v = rs.getLong(index);
      } catch (SQLException e) {
        if ((e.getSQLState() != null && e.getSQLState().startsWith("22")) || e.getSQLState() == null) {
          throw new ValidationException("column '" + label + "' holds a value outside the range of a LONG (an "
              + "unsigned BIGINT above 2^63-1?); cast it to DECIMAL or text in the SQL");
        }
        throw e;
      }
      if (rs.wasNull()) {
        b.addNull();
      } else {
        b.add(v);
      }
    }

    @Override
    Column finish(int rows) {
      LongColumn c = b.build();
      start(rows);
      return c;
    }
  }

  private static final class DoubleReader extends Reader {
    private DoubleColumn.Builder b;

    DoubleReader(int index) {
      super(index);
    }

    @Override
    ColumnType type() {
      return ColumnType.DOUBLE;
    }

    @Override
    void start(int rows) {
      b = DoubleColumn.builder(rows);
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      double v;
      try {
        v = rs.getDouble(index);
      } catch (SQLException | NumberFormatException e) {
        v = special(rs.getString(index), e); // NaN or an infinity the driver cannot turn into a double itself
      }
      if (rs.wasNull()) {
        b.addNull();
      } else {
        b.add(v);
      }
    }

    private static double special(String text, Exception cause) throws SQLException {
      if (text == null) {
        return 0;
      }
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "nan":
          return Double.NaN;
        case "infinity":
        case "inf":
        case "+infinity":
          return Double.POSITIVE_INFINITY;
        case "-infinity":
        case "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          throw cause instanceof SQLException s ? s : new SQLException(cause.getMessage(), cause);
      }
    }

    @Override
    Column finish(int rows) {
      DoubleColumn c = b.build();
      start(rows);
      return c;
    }
  }

  private static final class BooleanReader extends Reader {
    private BooleanColumn.Builder b;

    BooleanReader(int index) {
      super(index);
    }

    @Override
    ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    void start(int rows) {
      b = BooleanColumn.builder(rows);
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      boolean v = rs.getBoolean(index);
      if (rs.wasNull()) {
        b.addNull();
      } else {
        b.add(v);
      }
    }

    @Override
    Column finish(int rows) {
      BooleanColumn c = b.build();
      start(rows);
      return c;
    }
  }

  private static final class StringReader extends Reader {
    private StringColumn.Builder b;

    StringReader(int index) {
      super(index);
    }

    @Override
    ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    void start(int rows) {
      b = StringColumn.builder(rows);
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      b.add(rs.getString(index));
    }

    @Override
    Column finish(int rows) {
      StringColumn c = b.build();
      start(rows);
      return c;
    }
  }

  /** A TIMESTAMP column filled from micros since the epoch; subclasses say how to get them. */
  private abstract static class MicrosReader extends Reader {
    private long[] micros;
    private boolean[] nulls;
    private int size;
    private boolean anyNull;

    MicrosReader(int index) {
      super(index);
    }

    @Override
    ColumnType type() {
      return ColumnType.TIMESTAMP;
    }

    @Override
    void start(int rows) {
      micros = new long[Math.max(rows, 16)];
      nulls = new boolean[micros.length];
      size = 0;
      anyNull = false;
    }

    /** The value as micros since the epoch, or {@code null}. */
    abstract Long micros(ResultSet rs) throws SQLException;

    long micros(java.time.Instant t, ResultSet rs) throws SQLException {
      try {
        return TimestampColumn.toMicros(t);
      } catch (ValidationException e) {
        throw outOfRange(index, rs);
      }
    }

    /** PostgreSQL's infinity and -infinity, and dates beyond what microseconds since 1970 hold in a long. */
    ValidationException outOfRange(int index, ResultSet rs) throws SQLException {
      return timestampOutOfRange(rs.getMetaData().getColumnLabel(index));
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      if (size == micros.length) {
        micros = java.util.Arrays.copyOf(micros, size * 2);
        nulls = java.util.Arrays.copyOf(nulls, size * 2);
      }
      Long v = micros(rs);
      if (v == null) {
        nulls[size] = true;
        anyNull = true;
      } else {
        micros[size] = v;
      }
      size++;
    }

    @Override
    Column finish(int rows) {
      Column c = TimestampColumn.ofMicros(java.util.Arrays.copyOf(micros, size),
          anyNull ? java.util.Arrays.copyOf(nulls, size) : null);
      start(rows);
      return c;
    }
  }

  private static final class DateReader extends MicrosReader {
    DateReader(int index) {
      super(index);
    }

    @Override
    Long micros(ResultSet rs) throws SQLException {
      LocalDate d = rs.getObject(index, LocalDate.class);
      if (d == null) {
        return null;
      }
      try {
        return Math.multiplyExact(d.toEpochDay(), 86_400_000_000L);
      } catch (ArithmeticException e) {
        throw outOfRange(index, rs);
      }
    }
  }

  private static final class LocalTimestampReader extends MicrosReader {
    LocalTimestampReader(int index) {
      super(index);
    }

    @Override
    Long micros(ResultSet rs) throws SQLException {
      LocalDateTime t = rs.getObject(index, LocalDateTime.class);
      return t == null ? null : micros(t.toInstant(ZoneOffset.UTC), rs);
    }
  }

  private static final class InstantReader extends MicrosReader {
    InstantReader(int index) {
      super(index);
    }

    @Override
    Long micros(ResultSet rs) throws SQLException {
      OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
      return t == null ? null : micros(t.toInstant(), rs);
    }
  }

  private static final class TimeReader extends Reader {
    private LongColumn.Builder b;

    TimeReader(int index) {
      super(index);
    }

    @Override
    ColumnType type() {
      return ColumnType.LONG;
    }

    @Override
    void start(int rows) {
      b = LongColumn.builder(rows);
    }

    @Override
    void read(ResultSet rs) throws SQLException {
      LocalTime t = rs.getObject(index, LocalTime.class);
      if (t == null) {
        b.addNull();
      } else {
        b.add(t.toNanoOfDay() / 1000);
      }
    }

    @Override
    Column finish(int rows) {
      LongColumn c = b.build();
      start(rows);
      return c;
    }
  }
}
