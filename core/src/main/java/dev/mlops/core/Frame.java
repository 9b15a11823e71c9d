package dev.mlops.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An immutable, columnar table: named, typed {@link Column}s of equal length described by a {@link Schema}.
 * Every operation returns a new frame; columns are shared where nothing changes, so select, drop and rename
 * cost nothing per row.
 *
 * <pre>{@code
 * Frame f = Frame.builder()
 *     .doubles("x", 1.0, 2.0, 3.0)
 *     .strings("kind", "a", "b", "a")
 *     .build();
 * f.rowCount();                                  // 3
 * f.getDouble(1, "x");                           // 2.0
 * f.filter(r -> r.getString("kind").equals("a"))  // rows 0 and 2
 *  .select("x");
 * System.out.println(f.describe());              // count, nulls, mean, std, min, quartiles, max, top per column
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class Frame implements Iterable<Row> {
  private final Schema schema;
  private final Column[] columns;
  private final int rowCount;
  /** Column position by name, so per-row access by name does not scan the schema. */
  private final Map<String, Integer> index;

  Frame(Schema schema, Column[] columns, int rowCount) {
    this(schema, columns, rowCount, FrameOps.nameIndex(schema));
  }

  private Frame(Schema schema, Column[] columns, int rowCount, Map<String, Integer> index) {
    this.schema = schema;
    this.columns = columns;
    this.rowCount = rowCount;
    this.index = index;
  }

  /** This frame's schema and name index over other columns of the same types (take, slice, filter). */
  Frame sameSchema(Column[] cols, int rows) {
    return new Frame(schema, cols, rows, index);
  }

  /**
   * A frame of {@code columns} described by {@code schema}: one column per field, of the field's type, all of
   * one length, with no nulls in a field marked not nullable.
   */
  public static Frame of(Schema schema, List<? extends Column> columns) {
    Column[] cols = FrameOps.checkedColumns(schema, columns);
    return new Frame(schema, cols, cols.length == 0 ? 0 : cols[0].size());
  }

  /** An empty frame (no rows) with {@code schema}. */
  public static Frame empty(Schema schema) {
    return FrameOps.empty(schema);
  }

  /**
   * A frame from rows of boxed values, one list per row in schema order: any {@code Number} for DOUBLE;
   * {@code Long}, {@code Integer}, {@code Short} or {@code Byte} for LONG; {@code Boolean}; {@code String};
   * {@code Instant}; {@code null} for a null. A wrong type or a null in a not-nullable field is an error naming
   * the row and column.
   *
   * <pre>{@code
   * Schema s = Schema.of(Field.of("id", ColumnType.LONG), Field.of("name", ColumnType.STRING));
   * Frame f = Frame.fromRows(s, List.of(List.of(1L, "ann"), Arrays.asList(2L, null)));
   * }</pre>
   */
  public static Frame fromRows(Schema schema, List<? extends List<?>> rows) {
    return FrameOps.fromRows(schema, rows);
  }

  /** A builder that adds columns one at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /** The schema. */
  public Schema schema() {
    return schema;
  }

  /** The number of rows. */
  public int rowCount() {
    return rowCount;
  }

  /** The number of columns. */
  public int columnCount() {
    return columns.length;
  }

  /** The column names, in order. */
  public List<String> columnNames() {
    return schema.names();
  }

  /** The column named {@code name}; a {@link NotFoundException} listing the columns if none. */
  public Column column(String name) {
    Integer i = index.get(name);
    return i == null ? columns[schema.indexOf(name)] : columns[i];
  }

  /** The column at {@code index}; an {@link IndexOutOfBoundsException} listing the columns if none. */
  public Column column(int index) {
    if (index < 0 || index >= columns.length) {
      Checks.column(index, schema.names());
    }
    return columns[index];
  }

  /** The columns, in order. */
  public List<Column> columns() {
    return List.of(columns);
  }

  /** The DOUBLE column named {@code name}; a {@link ValidationException} if it has another type. */
  public DoubleColumn doubles(String name) {
    return typed(name, ColumnType.DOUBLE, DoubleColumn.class);
  }

  /** The LONG column named {@code name}. */
  public LongColumn longs(String name) {
    return typed(name, ColumnType.LONG, LongColumn.class);
  }

  /** The BOOLEAN column named {@code name}. */
  public BooleanColumn booleans(String name) {
    return typed(name, ColumnType.BOOLEAN, BooleanColumn.class);
  }

  /** The STRING column named {@code name}. */
  public StringColumn strings(String name) {
    return typed(name, ColumnType.STRING, StringColumn.class);
  }

  /** The TIMESTAMP column named {@code name}. */
  public TimestampColumn timestamps(String name) {
    return typed(name, ColumnType.TIMESTAMP, TimestampColumn.class);
  }

  private <C extends Column> C typed(String name, ColumnType type, Class<C> cls) {
    Column c = column(name);
    if (c.type() != type) {
      throw FrameOps.wrongType(name, c.type(), type);
    }
    return cls.cast(c);
  }

  /** The value at ({@code row}, {@code column}), boxed; {@code null} for a null. */
  public Object get(int row, String column) {
    return column(column).get(checkRow(row));
  }

  /** Whether the value at ({@code row}, {@code column}) is null. */
  public boolean isNull(int row, String column) {
    return column(column).isNull(checkRow(row));
  }

  /**
   * The DOUBLE at ({@code row}, {@code column}), a LONG column widened; NaN for a null, as in pandas (check
   * {@link #isNull(int, String)} to tell it from a NaN value). See <a href="Column.html#nulls">nulls</a>.
   */
  public double getDouble(int row, String column) {
    return FrameCells.getDouble(this, checkRow(row), column);
  }

  /**
   * The LONG at ({@code row}, {@code column}); a {@link ValidationException} for a null, so check
   * {@link #isNull(int, String)} first or read {@link #get(int, String)}. See <a href="Column.html#nulls">nulls</a>.
   */
  public long getLong(int row, String column) {
    return FrameCells.getLong(this, checkRow(row), column, false);
  }

  /**
   * The BOOLEAN at ({@code row}, {@code column}); a {@link ValidationException} for a null, so check
   * {@link #isNull(int, String)} first or read {@link #get(int, String)}. See <a href="Column.html#nulls">nulls</a>.
   */
  public boolean getBoolean(int row, String column) {
    return FrameCells.getBoolean(this, checkRow(row), column, false);
  }

  /** The STRING at ({@code row}, {@code column}); {@code null} for a null. */
  public String getString(int row, String column) {
    return strings(column).getString(checkRow(row));
  }

  /** The TIMESTAMP at ({@code row}, {@code column}); {@code null} for a null. */
  public Instant getInstant(int row, String column) {
    return timestamps(column).getInstant(checkRow(row));
  }

  /** {@code row}, if it is a row of this frame; else an {@link IndexOutOfBoundsException} saying so. */
  int checkRow(int row) {
    return Checks.row(row, rowCount, "frame");
  }

  /** A light view of row {@code index}; an {@link IndexOutOfBoundsException} naming the row count if none. */
  public Row row(int index) {
    return new Row(this, checkRow(index));
  }

  /** Iterates over the rows as light views (one small object per row; no values are copied). */
  @Override
  public Iterator<Row> iterator() {
    return FrameOps.rowIterator(this);
  }

  /** The rows as a sequential stream of light views. */
  public Stream<Row> rows() {
    return IntStream.range(0, rowCount).mapToObj(i -> new Row(this, i));
  }

  /** A frame of just {@code names}, in the order given. */
  public Frame select(String... names) {
    return select(Arrays.asList(names));
  }

  /** A frame of just {@code names}, in the order given. */
  public Frame select(List<String> names) {
    Column[] out = new Column[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column(names.get(i));
    }
    return new Frame(schema.select(names), out, rowCount);
  }

  /** A frame without {@code names}; a {@link NotFoundException} for a name that is not a column. */
  public Frame drop(String... names) {
    return select(FrameOps.remaining(schema, names));
  }

  /**
   * A frame with column {@code from} renamed to {@code to}; a {@link ValidationException} if another column is
   * already named {@code to}.
   */
  public Frame rename(String from, String to) {
    return rename(Map.of(from, to));
  }

  /**
   * A frame with columns renamed by {@code names} (old name to new name), all at once, so
   * {@code rename(Map.of("a", "b", "b", "a"))} swaps two names. A rename that would leave two columns with one
   * name is a {@link ValidationException} naming both.
   */
  public Frame rename(Map<String, String> names) {
    return new Frame(FrameOps.renamed(schema, names), columns, rowCount);
  }

  /**
   * A frame with {@code column} added as {@code field} at the end, or replacing the column of that name in
   * place. The column must have the frame's row count and the field's type.
   */
  public Frame withColumn(Field field, Column column) {
    return FrameOps.withColumn(this, field, column);
  }

  /**
   * A frame with {@code column} added under {@code name} (nullable, untagged) at the end, or replacing the
   * column of that name in place. A replaced column keeps its field's tags (a {@code pii} column stays
   * {@code pii}); it is nullable if the old field was or the new column holds nulls.
   */
  public Frame withColumn(String name, Column column) {
    return FrameOps.withColumn(this, name, column);
  }

  /**
   * A frame of the rows for which {@code predicate} holds, in order. The predicate sees one reused view, so it
   * must not keep the {@link Row} it is given.
   */
  public Frame filter(Predicate<Row> predicate) {
    return take(FrameOps.matching(this, predicate));
  }

  /**
   * A frame of the rows at {@code rows}, in that order (rows may repeat); an {@link IndexOutOfBoundsException}
   * naming the first row out of range.
   */
  public Frame take(int[] rows) {
    return FrameOps.take(this, rows);
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive); an {@link IndexOutOfBoundsException} unless
   * {@code 0 <= from <= to <= rowCount()}.
   */
  public Frame slice(int from, int to) {
    return FrameOps.slice(this, from, to);
  }

  /**
   * The first {@code n} rows (all of them if fewer). As in pandas, a negative {@code n} gives all rows but the
   * last {@code -n}.
   */
  public Frame head(int n) {
    int keep = n >= 0 ? Math.min(n, rowCount) : Math.max(rowCount + n, 0);
    return slice(0, keep);
  }

  /** The first five rows, as pandas' {@code head()}. */
  public Frame head() {
    return head(5);
  }

  /**
   * The last {@code n} rows (all of them if fewer). As in pandas, a negative {@code n} gives all rows but the
   * first {@code -n}.
   */
  public Frame tail(int n) {
    int keep = n >= 0 ? Math.min(n, rowCount) : Math.max(rowCount + n, 0);
    return slice(rowCount - keep, rowCount);
  }

  /** The last five rows, as pandas' {@code tail()}. */
  public Frame tail() {
    return tail(5);
  }

  /**
   * The frames one after another; all must have equal schemas (names, types, nullability and tags). STRING
   * columns get one merged dictionary; nulls stay where they were.
   */
  public static Frame concat(Frame... frames) {
    return concat(Arrays.asList(frames));
  }

  /** The frames one after another; see {@link #concat(Frame...)}. */
  public static Frame concat(Collection<Frame> frames) {
    return FrameOps.concat(frames);
  }

  /** The columns as an array, shared (not copied): for package code that only reads it. */
  Column[] columnsShared() {
    return columns;
  }

  /**
   * Summary statistics, one row per column of this frame, as pandas' {@code describe()}:
   * <ul>
   *   <li>{@code column, type};
   *   <li>{@code count}: values that are neither null nor NaN (pandas counts NaN as missing too), and
   *       {@code nulls}: null rows;
   *   <li>{@code mean, std} (sample, ddof=1; NaN for a single value), {@code min, 25%, 50%, 75%, max} (linear
   *       interpolation, numpy's default), all over those values: NaN values are skipped as pandas does. They
   *       are null for STRING and TIMESTAMP columns, and for a column with no values; a BOOLEAN column's mean
   *       is its share of {@code true}. Sums are compensated, so {@code 1e9 + noise} keeps its digits;
   *   <li>{@code unique, top, freq}: distinct non-null values, the most frequent and its count, for STRING,
   *       BOOLEAN and TIMESTAMP columns (null for DOUBLE and LONG, as in pandas). {@code top} is printed as
   *       the column prints it. Ties go to the value that appears first in the column; pandas breaks ties by
   *       its own hash-table order, which is usually, but not always, the same.
   * </ul>
   *
   * <pre>{@code
   * Frame d = frame.describe();
   * double meanX = d.filter(r -> r.getString("column").equals("x")).getDouble(0, "mean");
   * }</pre>
   */
  public Frame describe() {
    return Describe.of(this);
  }

  /** The table as aligned text: all rows up to 20, else the first 10 and last 5, with a size footer. */
  @Override
  public String toString() {
    return FrameFormatter.format(this, 20, 10, 5);
  }

  /** The table as aligned text with every row. */
  public String toStringAll() {
    return FrameFormatter.format(this, Integer.MAX_VALUE, 0, 0);
  }

  /**
   * Two frames are equal when their schemas are equal and every value is equal: nulls equal nulls, NaN equals
   * NaN, and doubles compare as {@link Double#equals} does (so {@code 0.0} and {@code -0.0} differ). How a
   * STRING column is encoded (its dictionary) does not matter.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && f.rowCount == rowCount && f.schema.equals(schema)
        && Arrays.equals(f.columns, columns);
  }

  /** A hash of the schema and every value, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return 31 * (31 * schema.hashCode() + rowCount) + Arrays.hashCode(columns);
  }

  /**
   * Builds a frame column by column from Java arrays, lists or prebuilt columns.
   *
   * <pre>{@code
   * Frame f = Frame.builder()
   *     .longs("id", 1, 2)
   *     .doubles("x", 0.5, Double.NaN)
   *     .column(Field.of("email", ColumnType.STRING).withTags("pii"), StringColumn.of("a@x.org", null))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final FrameBuilder impl = new FrameBuilder();

    private Builder() {}

    /** Adds {@code column} described by {@code field}; a name used twice is an error. */
    public Builder column(Field field, Column column) {
      impl.column(field, column);
      return this;
    }

    /** Adds {@code column} under {@code name}, nullable and untagged. */
    public Builder column(String name, Column column) {
      impl.column(name, column);
      return this;
    }

    /** Adds a DOUBLE column. */
    public Builder doubles(String name, double... values) {
      return column(name, DoubleColumn.of(values));
    }

    /** Adds a LONG column. */
    public Builder longs(String name, long... values) {
      return column(name, LongColumn.of(values));
    }

    /** Adds a BOOLEAN column. */
    public Builder booleans(String name, boolean... values) {
      return column(name, BooleanColumn.of(values));
    }

    /** Adds a STRING column; null elements are nulls. */
    public Builder strings(String name, String... values) {
      return column(name, StringColumn.of(values));
    }

    /** Adds a STRING column; null elements are nulls. */
    public Builder strings(String name, List<String> values) {
      return column(name, StringColumn.of(values));
    }

    /** Adds a TIMESTAMP column; null elements are nulls. */
    public Builder timestamps(String name, Instant... values) {
      return column(name, TimestampColumn.of(values));
    }

    /** Adds a column of the given type from boxed values ({@code null} for null). */
    public Builder values(String name, ColumnType type, List<?> values) {
      impl.values(name, type, values);
      return this;
    }

    /** The frame; the builder cannot be used after. */
    public Frame build() {
      return impl.build();
    }
  }
}
