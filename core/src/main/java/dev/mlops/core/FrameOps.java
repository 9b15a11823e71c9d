package dev.mlops.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The larger {@link Frame} operations, kept here so Frame stays readable. Not API. */
final class FrameOps {
  private FrameOps() {}

  /** The columns as an array, after checking them against the schema (count, types, lengths, nullability). */
  static Column[] checkedColumns(Schema schema, List<? extends Column> columns) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(columns, "columns");
    if (columns.size() != schema.size()) {
      throw new ValidationException("schema has " + schema.size() + " fields but " + columns.size()
          + " columns were given; give one column per field");
    }
    Column[] cols = new Column[columns.size()];
    for (int i = 0; i < cols.length; i++) {
      if (columns.get(i) == null) {
        throw new ValidationException("column " + i + " ('" + schema.field(i).name() + "') is null; give a "
            + "column for every field");
      }
    }
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int i = 0; i < cols.length; i++) {
      Column c = columns.get(i);
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
    return cols;
  }

  static Iterator<Row> rowIterator(Frame frame) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < frame.rowCount();
      }

      @Override
      public Row next() {
        if (next >= frame.rowCount()) {
          throw new NoSuchElementException();
        }
        return new Row(frame, next++);
      }
    };
  }

  /** The positions of the rows of {@code frame} for which {@code predicate} holds (seen through one view). */
  static int[] matching(Frame frame, Predicate<Row> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    int[] keep = new int[frame.rowCount()];
    int n = 0;
    Row cursor = new Row(frame, 0);
    for (int i = 0; i < keep.length; i++) {
      cursor.index = i;
      if (predicate.test(cursor)) {
        keep[n++] = i;
      }
    }
    return Arrays.copyOf(keep, n);
  }

  /** Column position by name. */
  static Map<String, Integer> nameIndex(Schema schema) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      index.put(schema.field(i).name(), i);
    }
    return index;
  }

  static Frame empty(Schema schema) {
    List<Column> cols = new ArrayList<>();
    for (Field f : schema.fields()) {
      cols.add(emptyColumn(f.type()));
    }
    return Frame.of(schema, cols);
  }

  static Frame take(Frame frame, int[] rows) {
    for (int i = 0; i < rows.length; i++) {
      Checks.takeRow(rows, i, frame.rowCount(), "frame");
    }
    Column[] in = frame.columnsShared();
    Column[] out = new Column[in.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = in[c].take(rows);
    }
    return frame.sameSchema(out, rows.length);
  }

  static Frame slice(Frame frame, int from, int to) {
    Checks.range(from, to, frame.rowCount(), "frame");
    Column[] in = frame.columnsShared();
    Column[] out = new Column[in.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = in[c].slice(from, to);
    }
    return frame.sameSchema(out, to - from);
  }

  /** The names of {@code schema} without {@code names}; a {@link NotFoundException} for an unknown name. */
  static List<String> remaining(Schema schema, String... names) {
    Set<String> gone = new HashSet<>();
    for (String n : names) {
      gone.add(schema.field(n).name());
    }
    List<String> keep = new ArrayList<>();
    for (String n : schema.names()) {
      if (!gone.contains(n)) {
        keep.add(n);
      }
    }
    return keep;
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

  static Frame fromRows(Schema schema, List<? extends List<?>> rows) {
    Objects.requireNonNull(schema, "schema");
    List<ColumnAppender> appenders = new ArrayList<>();
    for (Field f : schema.fields()) {
      appenders.add(new ColumnAppender(f, rows.size()));
    }
    for (int r = 0; r < rows.size(); r++) {
      List<?> row = rows.get(r);
      if (row == null) {
        throw new ValidationException("row " + r + " is null; give a list of values (nulls inside are fine)");
      }
      if (row.size() != schema.size()) {
        throw new ValidationException("row " + r + " has " + row.size() + " values but the schema has "
            + schema.size() + " fields " + schema.names() + "; give one value per field, null for missing");
      }
      for (int c = 0; c < row.size(); c++) {
        appenders.get(c).add(row.get(c), r);
      }
    }
    List<Column> cols = new ArrayList<>(appenders.size());
    for (ColumnAppender a : appenders) {
      cols.add(a.build());
    }
    return Frame.of(schema, cols);
  }

  static Schema renamed(Schema schema, Map<String, String> names) {
    List<Field> fields = new ArrayList<>(schema.fields());
    for (Map.Entry<String, String> e : names.entrySet()) {
      int i = schema.indexOf(e.getKey());
      fields.set(i, fields.get(i).withName(e.getValue()));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Integer before = seen.put(fields.get(i).name(), i);
      if (before != null) {
        String to = fields.get(i).name();
        throw new ValidationException("renaming would give two columns named '" + to + "' (columns '"
            + schema.field(before).name() + "' and '" + schema.field(i).name() + "'); drop or rename the "
            + "other column too");
      }
    }
    return new Schema(fields);
  }

  /** {@link Frame#withColumn(String, Column)}: a replaced column keeps its field's tags. */
  static Frame withColumn(Frame frame, String name, Column column) {
    Objects.requireNonNull(column, "column");
    Field f = frame.schema().find(name)
        .map(old -> new Field(name, column.type(), old.nullable() || column.hasNulls(), old.tags()))
        .orElseGet(() -> new Field(name, column.type(), true, Set.of()));
    return withColumn(frame, f, column);
  }

  static Frame withColumn(Frame frame, Field field, Column column) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(column, "column");
    if (frame.columnCount() > 0 && column.size() != frame.rowCount()) {
      throw new ValidationException("column '" + field.name() + "' has " + column.size()
          + " rows but the frame has " + frame.rowCount() + "; give one value per row");
    }
    Schema schema = frame.schema();
    List<Field> fields = new ArrayList<>(schema.fields());
    List<Column> cols = new ArrayList<>(Arrays.asList(frame.columnsShared()));
    int i = schema.contains(field.name()) ? schema.indexOf(field.name()) : -1;
    if (i < 0) {
      fields.add(field);
      cols.add(column);
    } else {
      fields.set(i, field);
      cols.set(i, column);
    }
    return Frame.of(new Schema(fields), cols);
  }

  static Frame concat(Collection<Frame> frames) {
    if (frames.isEmpty()) {
      throw new ValidationException("concat needs at least one frame; for no rows use Frame.empty(schema)");
    }
    List<Frame> list = List.copyOf(frames);
    Schema schema = list.get(0).schema();
    long rows = 0;
    for (int i = 0; i < list.size(); i++) {
      Schema s = list.get(i).schema();
      if (!s.equals(schema)) {
        throw new ValidationException("frame " + i + " has schema " + s + " but frame 0 has " + schema
            + "; select, rename or cast to one schema first");
      }
      rows += list.get(i).rowCount();
    }
    if (rows > Integer.MAX_VALUE - 16) {
      throw new ValidationException("concat would make " + rows + " rows, more than a frame holds ("
          + (Integer.MAX_VALUE - 16) + "); process the frames as a FrameSource instead");
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    Column[] out = new Column[schema.size()];
    for (int c = 0; c < out.length; c++) {
      List<Column> parts = new ArrayList<>(list.size());
      for (Frame f : list) {
        parts.add(f.columnsShared()[c]);
      }
      out[c] = Column.concat(parts);
    }
    return new Frame(schema, out, (int) rows);
  }

  /** The error for reading column {@code name} of type {@code actual} as {@code wanted}. */
  static ValidationException wrongType(String name, ColumnType actual, ColumnType wanted) {
    return new ValidationException("column '" + name + "' is " + actual + ", not " + wanted + "; read it with "
        + accessor(actual, name) + ", or cast the column to " + wanted);
  }

  private static String accessor(ColumnType type, String name) {
    String quoted = "\"" + name + "\"";
    return switch (type) {
      case DOUBLE -> "getDouble(row, " + quoted + ") or doubles(" + quoted + ")";
      case LONG -> "getLong(row, " + quoted + ") or longs(" + quoted + ")";
      case BOOLEAN -> "getBoolean(row, " + quoted + ") or booleans(" + quoted + ")";
      case STRING -> "getString(row, " + quoted + ") or strings(" + quoted + ")";
      case TIMESTAMP -> "getInstant(row, " + quoted + ") or timestamps(" + quoted + ")";
    };
  }
}
