package dev.mlops.data.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Frames for the Parquet tests, and the writer of the committed interop file. */
final class ParquetFixtures {
  /** The file, beside the pandas script, that our writer made and pandas read (see make_interop.py). */
  static final String WRITTEN_BY_MLOPS = "/parquet/written_by_mlops.parquet";

  private ParquetFixtures() {}

  /**
   * Every column type, nullable with nulls and not nullable, tagged and not, with edge values: NaN, -0.0 and
   * infinities; the extremes of a long; empty, non-ASCII and repeated strings; instants before 1970 and far
   * after.
   */
  static Frame everyType() {
    return Frame.builder()
        .column(Field.of("id", ColumnType.LONG).withNullable(false),
            LongColumn.of(1, 2, 3, 4, 5, 6))
        .column(Field.of("score", ColumnType.DOUBLE),
            DoubleColumn.of(new double[] {0.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 1e-300, 0},
                new boolean[] {false, false, false, false, false, true}))
        .column(Field.of("count", ColumnType.LONG),
            LongColumn.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 0, 42},
                new boolean[] {false, false, false, false, true, false}))
        .column(Field.of("active", ColumnType.BOOLEAN),
            BooleanColumn.of(new boolean[] {true, false, false, true, true, false},
                new boolean[] {false, false, true, false, false, false}))
        .column(Field.of("email", ColumnType.STRING).withTags("pii", "source:crm"),
            StringColumn.of("ann@example.org", null, "", "zoë ✓ 日本", "ann@example.org", "b"))
        .column(Field.of("seen", ColumnType.TIMESTAMP).withTags("event-time"),
            TimestampColumn.of(Instant.parse("2026-11-27T10:15:30.123456Z"), Instant.parse("1969-07-20T20:17:40Z"),
                null, Instant.parse("1900-01-01T00:00:00.000001Z"), Instant.parse("2262-04-11T23:47:16.854775Z"),
                Instant.EPOCH))
        .column(Field.of("weight", ColumnType.DOUBLE).withNullable(false),
            DoubleColumn.of(1, 2, 3, 4, 5, Double.NEGATIVE_INFINITY))
        .column(Field.of("kind", ColumnType.STRING).withNullable(false).withTags("category"),
            StringColumn.of("a", "b", "a", "c", "a", "b"))
        .build();
  }

  /**
   * {@code rows} generated rows in batches of {@code batchRows}, made as they are asked for, so the whole
   * never exists in memory: id (row number), x (a function of it), label (one of 100 values), some nulls.
   */
  static Iterator<Frame> generated(long rows, int batchRows) {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public Frame next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = (int) Math.min(batchRows, rows - next);
        LongColumn.Builder id = LongColumn.builder(n);
        DoubleColumn.Builder x = DoubleColumn.builder(n);
        StringColumn.Builder label = StringColumn.builder(n);
        for (int i = 0; i < n; i++) {
          long r = next + i;
          id.add(r);
          if (r % 13 == 0) {
            x.addNull();
          } else {
            x.add(r * 0.25);
          }
          label.add("label-" + (r % 100));
        }
        next += n;
        return Frame.builder().column(generatedSchemaFields().get(0), id.build())
            .column(generatedSchemaFields().get(1), x.build())
            .column(generatedSchemaFields().get(2), label.build())
            .build();
      }
    };
  }

  static List<Field> generatedSchemaFields() {
    return List.of(Field.of("id", ColumnType.LONG).withNullable(false), Field.of("x", ColumnType.DOUBLE),
        Field.of("label", ColumnType.STRING).withNullable(false));
  }

  /** Writes {@link #everyType()} as Parquet to {@code out}. */
  static void writeEveryType(OutputStream out) throws IOException {
    Frame f = everyType();
    ParquetFrames.write(f.schema(), List.of(f).iterator(), out);
  }

  /** Writes the interop file to {@code args[0]}; run once when the writer's output changes, then run the script. */
  public static void main(String[] args) throws IOException {
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      writeEveryType(out);
    }
  }
}
