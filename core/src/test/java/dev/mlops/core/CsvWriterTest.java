package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
  @TempDir Path dir;

  private static Frame sample() {
    return Frame.builder()
        .longs("id", 1, 2)
        .doubles("x", 0.1, Double.NaN)
        .strings("s", Stream.of("a,b", "").toList())
        .timestamps("t", Instant.parse("2026-11-27T10:15:30.123456Z"), null)
        .build();
  }

  @Test
  void writesHeaderQuotesOnlyWhereNeededAndEmptyStringAsQuotes() {
    Frame f = Frame.builder().strings("s", java.util.Arrays.asList("plain", "a,b", "say \"hi\"", "", null,
        "two\nlines")).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Csv.writer().write(f, out);
    assertEquals("s\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"\"\n\n\"two\nlines\"\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesNumbersTimestampsInUtcAndNullToken() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Csv.writer().delimiter(';').nullToken("NA").header(false).write(sample(), out);
    assertEquals("1;0.1;a,b;2026-11-27T10:15:30.123456Z\n2;NaN;\"\";NA\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void gzipsByNameAndReplacesTheFile() throws IOException {
    Path p = dir.resolve("out.csv.gz");
    Files.writeString(p, "old");
    Csv.write(sample(), p);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("id,x,s,t\n1,0.1,"));
    }
  }

  @Test
  void failedWriteLeavesThePreviousFileAndNoTempFile() throws IOException {
    Path p = dir.resolve("keep.csv");
    Files.writeString(p, "previous\n");
    Frame batch = sample();
    Iterator<Frame> failing = new Iterator<>() {
      private int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Frame next() {
        if (n++ == 2) {
          throw new StorageException("source broke");
        }
        return batch;
      }
    };
    try (FrameSource src = FrameSource.of(batch.schema(), failing)) {
      assertThrows(StorageException.class, () -> Csv.writer().write(src, p));
    }
    assertEquals("previous\n", Files.readString(p));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(p), files.toList());
    }
  }

  @Test
  void writesAFrameSourceBatchByBatch() throws IOException {
    Path p = dir.resolve("batches.csv");
    try (FrameSource src = FrameSource.of(sample(), 1)) {
      Csv.writer().write(src, p);
    }
    assertEquals(3, Files.readAllLines(p).size());
  }

  @Test
  void rejectsBadWriterOptions() {
    assertThrows(ValidationException.class, () -> Csv.writer().delimiter('"'));
    ValidationException e = assertThrows(ValidationException.class, () -> Csv.writer().nullToken("a,b"));
    assertTrue(e.getMessage().contains("null token 'a,b'"), e.getMessage());
  }

  private static String written(double d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Csv.writer().header(false).write(Frame.builder().doubles("x", d).build(), out);
    String text = out.toString(StandardCharsets.UTF_8);
    return text.substring(0, text.length() - 1);
  }

  @Test
  void writesTheShortestDoubleTextTheSameOnEveryJdk() {
    // JDK 17's Double.toString writes 2.82879384806159E17 as 2.82879384806159008E17; JDK 19+ does not.
    double[] values = {2.82879384806159E17, 1e-7, 5e-324, Double.MAX_VALUE, -0.0, 0.1 + 0.2, 100.0, 1e21,
        0.001, 1e7, 9999999.0, 123456.789, -1.5e-300, Double.MIN_NORMAL, 4.35, 1.0 / 3};
    String[] expected = {"2.82879384806159E17", "1.0E-7", "5.0E-324", "1.7976931348623157E308", "-0.0",
        "0.30000000000000004", "100.0", "1.0E21", "0.001", "1.0E7", "9999999.0", "123456.789", "-1.5E-300",
        "2.2250738585072014E-308", "4.35", "0.3333333333333333"};
    for (int i = 0; i < values.length; i++) {
      String text = written(values[i]);
      assertEquals(expected[i], text);
      assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(Double.parseDouble(text)),
          text);
    }
    Frame back = Csv.reader().header(false).read(new java.io.ByteArrayInputStream(
        String.join("\n", expected).getBytes(StandardCharsets.UTF_8)), "doubles");
    for (int i = 0; i < values.length; i++) {
      assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back.getDouble(i, "col1")));
    }
  }

  @Test
  void quotesNumbersTimestampsAndBooleansThatHoldTheDelimiter() {
    Frame f = Frame.builder()
        .timestamps("t", Instant.parse("2026-01-01T10:15:30Z"))
        .doubles("x", -1.5)
        .longs("n", -3)
        .booleans("b", true)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Csv.writer().delimiter(':').header(false).write(f, out);
    assertEquals("\"2026-01-01T10:15:30Z\":-1.5:-3:true\n", out.toString(StandardCharsets.UTF_8));
    out.reset();
    Csv.writer().delimiter('-').header(false).write(f, out);
    assertEquals("\"2026-01-01T10:15:30Z\"-\"-1.5\"-\"-3\"-true\n", out.toString(StandardCharsets.UTF_8));
    out.reset();
    Csv.writer().delimiter('e').header(false).write(f, out);
    assertEquals("2026-01-01T10:15:30Ze-1.5e-3e\"true\"\n", out.toString(StandardCharsets.UTF_8));
  }
}
