package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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
}
