package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRoundTripTest {
  @TempDir Path dir;

  private static Frame awkward() {
    Random rnd = new Random(7);
    int n = 500;
    double[] x = new double[n];
    boolean[] xNull = new boolean[n];
    long[] id = new long[n];
    boolean[] b = new boolean[n];
    String[] s = new String[n];
    Instant[] t = new Instant[n];
    String[] odd = {"", "a,b", "say \"hi\"", "two\r\nlines", "NA", " padded ", "東京"};
    for (int i = 0; i < n; i++) {
      x[i] = i % 50 == 0 ? Double.NaN : Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL)
          * (rnd.nextBoolean() ? 1 : -1);
      xNull[i] = i % 13 == 0;
      id[i] = rnd.nextLong();
      b[i] = rnd.nextBoolean();
      s[i] = i % 11 == 0 ? null : odd[i % odd.length] + (i % 3 == 0 ? "" : "k" + (i % 5));
      t[i] = i % 17 == 0 ? null : Instant.ofEpochSecond(rnd.nextInt(2_000_000_000), rnd.nextInt(1_000_000) * 1000L);
    }
    return Frame.builder()
        .column("x", DoubleColumn.of(x, xNull))
        .longs("id", id)
        .booleans("b", b)
        .strings("s", Arrays.asList(s))
        .timestamps("t", t)
        .build();
  }

  @Test
  void readWriteReadGivesAnEqualFrame() {
    Frame f = awkward();
    Path p = dir.resolve("rt.csv");
    Csv.write(f, p);
    Frame back = Csv.read(p);
    assertEquals(f.schema(), back.schema());
    assertEquals(f, back);
    Path again = dir.resolve("rt2.csv.gz");
    Csv.write(back, again);
    assertEquals(f, Csv.read(again));
  }

  @Test
  void roundTripsWithAnotherDelimiterAndNullToken() {
    Frame f = awkward();
    Path p = dir.resolve("rt.tsv");
    Csv.writer().delimiter('\t').nullToken("NA").write(f, p);
    assertEquals(f, Csv.reader().delimiter('\t').nullTokens("NA").read(p));
  }

  /** One-column frames of every type, with nulls first, in the middle and last (and empty strings). */
  private static List<Frame> oneColumnFrames() {
    return List.of(
        Frame.builder().column("x", DoubleColumn.of(new double[] {0, 1.5, 0, -2.25, 0},
            new boolean[] {true, false, true, false, true})).build(),
        Frame.builder().column("n", LongColumn.builder(4).addNull().add(7).addNull().add(-3).addNull().build())
            .build(),
        Frame.builder().column("b", BooleanColumn.builder(4).addNull().add(true).addNull().add(false).addNull()
            .build()).build(),
        Frame.builder().strings("s", Arrays.asList(null, "a", "", null, "", "b", null)).build(),
        Frame.builder().timestamps("t", null, Instant.parse("2026-01-01T10:15:30Z"), null,
            Instant.parse("2026-01-02T00:00:00.5Z"), null).build());
  }

  @Test
  void oneColumnFramesWithNullsRoundTripExactly() {
    for (Frame f : oneColumnFrames()) {
      Path p = dir.resolve(f.columnNames().get(0) + ".csv");
      Csv.write(f, p);
      assertEquals(f, Csv.read(p), f.columnNames().get(0));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Csv.writer().header(false).write(f, out);
      Frame back = Csv.reader().header(false).schema(f.schema())
          .read(new ByteArrayInputStream(out.toByteArray()), "one-column");
      assertEquals(f, back, f.columnNames().get(0) + " without a header");
      assertEquals(f, Csv.reader().batchRows(2).open(p).readAll(), f.columnNames().get(0) + " in batches");
    }
  }

  @Test
  void roundTripsWithDelimitersThatOccurInNumbersAndTimestamps() {
    Frame f = awkward();
    for (char d : new char[] {':', '-', '.', '+', 'E', '0', 'a', 'T'}) {
      Path p = dir.resolve("delim.csv");
      Csv.writer().delimiter(d).write(f, p);
      assertEquals(f, Csv.reader().delimiter(d).read(p), "delimiter '" + d + "'");
    }
  }
}
