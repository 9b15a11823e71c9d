package dev.mlops.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
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

  private Frame(Schema schema, Column[] columns, int rowCount) {
    this.schema = schema;
    this.columns = columns;
    this.rowCount = rowCount;
  }

  /**
   * A frame of {@code columns} described by {@code schema}: one column per field, of the field's type, all of
   * one length, with no nulls in a field marked not nullable.
   */
  public static Frame of(Schema schema, List<? extends Column> columns) {
    Objects.requireNonNull(schema, "schema");
    if (columns.size() != schema.size()) {
      throw new ValidationException("schema has " + schema.size() + " fields but " + columns.size()
          + " columns were given; give one column per field");
    }
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    Column[] cols = new Column[columns.size()];
    for (int i = 0; i < cols.length; i++) {
      Column c = Objects.requireNonNull(columns.get(i), "column " + i);
      Field f = schema.field(i);
      if (c.type() != f.type()) {
        throw new ValidationException("column '" + f.name() + "' is " + c.type() + " but the schema says "
            + f.type() + "; build it as " + f.type() + " or change the field");
      }
      if (c.size() != rows) {
        throw new ValidationException("column '" + f.name() + "' has " + c.size() + " rows but column '"
            + schema.field(0).name() + "' has " + rows + "; all columns of a frame have the same length");
      }
      if (!f.nullable() && c.hasNulls()) {
        throw new ValidationException("column '" + f.name() + "' is declared not nullable but holds "
            + c.nullCount() + " nulls; fill them or declare the field nullable");
      }
      cols[i] = c;
    }
    return new Frame(schema, cols, rows);
  }

  /** An empty frame (no rows) with {@code schema}. */
  public static Frame empty(Schema schema) {
    List<Column> cols = new ArrayList<>();
    for (Field f : schema.fields()) {
      cols.add(emptyColumn(f.type()));
    }
    return of(schema, cols);
  }

  /**
   * A frame from rows of boxed values, one list per row in schema order ({@code Double} or any
   * {@code Number} for DOUBLE and LONG, {@code Boolean}, {@code String}, {@code Instant}; {@code null} for a
   * null).
   */
  public static Frame fromRows(Schema schema, List<? extends List<?>> rows) {
    List<ColumnAppender> appenders = new ArrayList<>();
    for (Field f : schema.fields()) {
      appenders.add(new ColumnAppender(f, rows.size()));
    }
    for (int r = 0; r < rows.size(); r++) {
      List<?> row = rows.get(r);
      if (row.size() != schema.size()) {
        throw new ValidationException("row " + r + " has " + row.size() + " values but the schema has "
            + schema.size() + " fields " + schema.names());
      }
      for (int c = 0; c < row.size(); c++) {
        appenders.get(c).add(row.get(c), r);
      }
    }
    return of(schema, appenders.stream().map(ColumnAppender::build).toList());
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
    return columns[schema.indexOf(name)];
  }

  /** The column at {@code index}. */
  public Column column(int index) {
    Objects.checkIndex(index, columns.length);
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
      throw new ValidationException("column '" + name + "' is " + c.type() + ", not " + type + "; use the "
          + c.type().toString().toLowerCase(java.util.Locale.ROOT) + " accessor or cast the column");
    }
    return cls.cast(c);
  }

  /** The value at ({@code row}, {@code column}), boxed; {@code null} for a null. */
  public Object get(int row, String column) {
    return column(column).get(row);
  }

  /** Whether the value at ({@code row}, {@code column}) is null. */
  public boolean isNull(int row, String column) {
    return column(column).isNull(row);
  }

  /** The DOUBLE at ({@code row}, {@code column}); a LONG column is widened. NaN for a null. */
  public double getDouble(int row, String column) {
    Column c = column(column);
    if (c instanceof LongColumn l) {
      return l.isNull(row) ? Double.NaN : l.getLong(row);
    }
    DoubleColumn d = doubles(column);
    return d.isNull(row) ? Double.NaN : d.getDouble(row);
  }

  /** The LONG at ({@code row}, {@code column}); a {@link ValidationException} for a null. */
  public long getLong(int row, String column) {
    LongColumn c = longs(column);
    requireNotNull(c, row, column);
    return c.getLong(row);
  }

  /** The BOOLEAN at ({@code row}, {@code column}); a {@link ValidationException} for a null. */
  public boolean getBoolean(int row, String column) {
    BooleanColumn c = booleans(column);
    requireNotNull(c, row, column);
    return c.getBoolean(row);
  }

  /** The STRING at ({@code row}, {@code column}); {@code null} for a null. */
  public String getString(int row, String column) {
    return strings(column).getString(row);
  }

  /** The TIMESTAMP at ({@code row}, {@code column}); {@code null} for a null. */
  public Instant getInstant(int row, String column) {
    return timestamps(column).getInstant(row);
  }

  private static void requireNotNull(Column c, int row, String column) {
    if (c.isNull(row)) {
      throw new ValidationException("row " + row + " of column '" + column + "' is null; check isNull(row, \""
          + column + "\") first or use get(row, column)");
    }
  }

  /** A light view of row {@code index}. */
  public Row row(int index) {
    Objects.checkIndex(index, rowCount);
    return new Row(this, index);
  }

  /** Iterates over the rows as light views (one small object per row; no values are copied). */
  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < rowCount;
      }

      @Override
      public Row next() {
        if (next >= rowCount) {
          throw new NoSuchElementException();
        }
        return new Row(Frame.this, next++);
      }
    };
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
    Set<String> gone = new LinkedHashSet<>(Arrays.asList(names));
    for (String n : gone) {
      schema.indexOf(n);
    }
    List<String> keep = new ArrayList<>();
    for (String n : schema.names()) {
      if (!gone.contains(n)) {
        keep.add(n);
      }
    }
    return select(keep);
  }

  /** A frame with column {@code from} renamed to {@code to}. */
  public Frame rename(String from, String to) {
    return rename(Map.of(from, to));
  }

  /** A frame with columns renamed by {@code names} (old name to new name). */
  public Frame rename(Map<String, String> names) {
    List<Field> fields = new ArrayList<>(schema.fields());
    for (Map.Entry<String, String> e : names.entrySet()) {
      int i = schema.indexOf(e.getKey());
      fields.set(i, fields.get(i).withName(e.getValue()));
    }
    return new Frame(new Schema(fields), columns, rowCount);
  }

  /** A frame with {@code column} added as {@code field} at the end, or replacing the column of that name. */
  public Frame withColumn(Field field, Column column) {
    List<Field> fields = new ArrayList<>(schema.fields());
    List<Column> cols = new ArrayList<>(Arrays.asList(columns));
    int i = schema.find(field.name()).map(f -> schema.indexOf(f.name())).orElse(-1);
    if (i < 0) {
      fields.add(field);
      cols.add(column);
    } else {
      fields.set(i, field);
      cols.set(i, column);
    }
    if (columns.length > 0 && column.size() != rowCount) {
      throw new ValidationException("column '" + field.name() + "' has " + column.size()
          + " rows but the frame has " + rowCount);
    }
    return of(new Schema(fields), cols);
  }

  /** A frame with {@code column} added under {@code name} (nullable, untagged) or replacing that column. */
  public Frame withColumn(String name, Column column) {
    return withColumn(new Field(name, column.type(), true, Set.of()), column);
  }

  /**
   * A frame of the rows for which {@code predicate} holds, in order. The predicate sees one reused view, so it
   * must not keep the {@link Row} it is given.
   */
  public Frame filter(Predicate<Row> predicate) {
    int[] keep = new int[rowCount];
    int n = 0;
    Row cursor = new Row(this, 0);
    for (int i = 0; i < rowCount; i++) {
      cursor.index = i;
      if (predicate.test(cursor)) {
        keep[n++] = i;
      }
    }
    return take(Arrays.copyOf(keep, n));
  }

  /** A frame of the rows at {@code rows}, in that order. */
  public Frame take(int[] rows) {
    Column[] out = new Column[columns.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = columns[c].take(rows);
    }
    return new Frame(schema, out, rows.length);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public Frame slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount);
    Column[] out = new Column[columns.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = columns[c].slice(from, to);
    }
    return new Frame(schema, out, to - from);
  }

  /** The first {@code n} rows (all of them if fewer). */
  public Frame head(int n) {
    return slice(0, Math.min(Math.max(n, 0), rowCount));
  }

  /** The first five rows, as pandas' {@code head()}. */
  public Frame head() {
    return head(5);
  }

  /** The last {@code n} rows (all of them if fewer). */
  public Frame tail(int n) {
    return slice(rowCount - Math.min(Math.max(n, 0), rowCount), rowCount);
  }

  /** The frames one after another; all must have equal schemas (names, types, nullability and tags). */
  public static Frame concat(Frame... frames) {
    return concat(Arrays.asList(frames));
  }

  /** The frames one after another; all must have equal schemas (names, types, nullability and tags). */
  public static Frame concat(Collection<Frame> frames) {
    if (frames.isEmpty()) {
      throw new ValidationException("concat needs at least one frame");
    }
    List<Frame> list = List.copyOf(frames);
    Schema schema = list.get(0).schema;
    for (int i = 1; i < list.size(); i++) {
      if (!list.get(i).schema.equals(schema)) {
        throw new ValidationException("frame " + i + " has schema " + list.get(i).schema
            + " but frame 0 has " + schema + "; select, rename or cast to one schema first");
      }
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    Column[] out = new Column[schema.size()];
    for (int c = 0; c < out.length; c++) {
      List<Column> parts = new ArrayList<>(list.size());
      for (Frame f : list) {
        parts.add(f.columns[c]);
      }
      out[c] = Column.concat(parts);
    }
    return new Frame(schema, out, out.length == 0 ? 0 : out[0].size());
  }

  /**
   * Summary statistics, one row per column: {@code column, type, count} (non-null values), {@code nulls},
   * {@code mean, std} (sample, ddof=1, as pandas), {@code min, 25%, 50%, 75%, max} (linear interpolation, as
   * pandas and numpy), {@code unique, top, freq} (distinct non-null values, the most frequent and its count;
   * ties go to the value seen first). Numeric statistics are null for STRING and TIMESTAMP columns; a BOOLEAN
   * column's mean is its share of {@code true}. Unique, top and freq are filled for STRING, BOOLEAN and
   * TIMESTAMP columns and null for numeric ones, as in pandas.
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

  /** Two frames are equal when their schemas are equal and every value is equal (nulls equal, NaN equal). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && f.schema.equals(schema) && Arrays.equals(f.columns, columns);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + Arrays.hashCode(columns);
  }

  static Column emptyColumn(ColumnType type) {
    return switch (type) {
      case DOUBLE -> DoubleColumn.of();
      case LONG -> LongColumn.of();
      case BOOLEAN -> BooleanColumn.of();
      case STRING -> StringColumn.of();
      case TIMESTAMP -> TimestampColumn.of();
    };
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
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, Column> columns = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@code column} described by {@code field}; a name used twice is an error. */
    public Builder column(Field field, Column column) {
      if (fields.containsKey(field.name())) {
        throw new ValidationException("column '" + field.name() + "' was already added to this builder");
      }
      fields.put(field.name(), field);
      columns.put(field.name(), column);
      return this;
    }

    /** Adds {@code column} under {@code name}, nullable and untagged. */
    public Builder column(String name, Column column) {
      return column(new Field(name, column.type(), true, Set.of()), column);
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
      Field f = new Field(name, type, true, Set.of());
      ColumnAppender a = new ColumnAppender(f, values.size());
      for (int i = 0; i < values.size(); i++) {
        a.add(values.get(i), i);
      }
      return column(f, a.build());
    }

    /** The frame. */
    public Frame build() {
      return Frame.of(new Schema(List.copyOf(fields.values())), List.copyOf(columns.values()));
    }
  }
}
