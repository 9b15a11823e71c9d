package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static void assertMessage(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "': " + e.getMessage());
    }
  }

  @Test
  void readsHeaderAndInfersEveryType() throws IOException {
    Frame f = Csv.read(file("t.csv", "id,x,ok,at,name\n"
        + "1,1.5,true,2026-11-27T10:15:30Z,ann\n"
        + "2,,FALSE,2026-11-27T11:15:30+01:00,\n"
        + "3,-2e3,false,,bob\n"));
    assertEquals(List.of(ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.TIMESTAMP,
        ColumnType.STRING), f.schema().fields().stream().map(Field::type).toList());
    assertEquals(3, f.rowCount());
    assertEquals(3L, f.getLong(2, "id"));
    assertEquals(-2000.0, f.getDouble(2, "x"));
    assertTrue(f.isNull(1, "x"));
    assertEquals(Instant.parse("2026-11-27T10:15:30Z"), f.getInstant(1, "at"));
    assertTrue(f.isNull(2, "at"));
    assertTrue(f.isNull(1, "name"));
    assertEquals(false, f.get(1, "ok"));
  }

  @Test
  void keepsLocalDateTimesAsStringsUnlessAskedForTimestamps() throws IOException {
    Path p = file("t.csv", "at\n2026-11-27T10:15:30\n");
    assertEquals(ColumnType.STRING, Csv.read(p).schema().field("at").type());
    Frame f = Csv.reader().types(Map.of("at", ColumnType.TIMESTAMP)).read(p);
    assertEquals(Instant.parse("2026-11-27T10:15:30Z"), f.getInstant(0, "at"));
  }

  @Test
  void readsQuotedFieldsWithDelimitersQuotesAndNewlines() throws IOException {
    Frame f = Csv.read(file("q.csv", "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\"\"\r\n"));
    assertEquals("x,y", f.getString(0, "a"));
    assertEquals("say \"hi\"", f.getString(0, "b"));
    assertEquals("two\r\nlines", f.getString(1, "a"));
    assertEquals("", f.getString(1, "b"));
    assertTrue(!f.isNull(1, "b"));
  }

  @Test
  void skipsUtf8ByteOrderMarkAndReadsNonAscii() throws IOException {
    Frame f = Csv.read(file("bom.csv", "\uFEFFname,n\nZoë,1\n東京,2\n"));
    assertEquals(List.of("name", "n"), f.columnNames());
    assertEquals("東京", f.getString(1, "name"));
  }

  @Test
  void readsOtherDelimiterQuoteAndNullTokens() throws IOException {
    Frame f = Csv.reader().delimiter(';').quote('\'').nullTokens("", "NA")
        .read(file("d.csv", "a;b\n1;'x;y'\nNA;'NA'\n"));
    assertTrue(f.isNull(1, "a"));
    assertEquals("NA", f.getString(1, "b"), "a quoted null token is a value");
    assertEquals("x;y", f.getString(0, "b"));
  }

  @Test
  void readsWithoutHeader() throws IOException {
    Path p = file("n.csv", "1,a\n2,b\n");
    Frame f = Csv.reader().header(false).read(p);
    assertEquals(List.of("col1", "col2"), f.columnNames());
    Frame g = Csv.reader().header(false)
        .schema(Schema.of(Field.of("id", ColumnType.LONG), Field.of("s", ColumnType.STRING))).read(p);
    assertEquals("b", g.getString(1, "s"));
  }

  @Test
  void explicitSchemaSkipsInference() throws IOException {
    Frame f = Csv.reader().schema(Schema.of(Field.of("a", ColumnType.STRING), Field.of("b", ColumnType.DOUBLE)))
        .read(file("s.csv", "a,b\n007,1\n"));
    assertEquals("007", f.getString(0, "a"));
    assertEquals(1.0, f.getDouble(0, "b"));
  }

  @Test
  void widensLongToDoubleAfterTheSampleInAWholeRead() throws IOException {
    Frame f = Csv.reader().inferenceRows(2).read(file("w.csv", "v\n1\n2\n3\n2.5\n"));
    assertEquals(ColumnType.DOUBLE, f.schema().field("v").type());
    assertEquals(2.5, f.getDouble(3, "v"));
    assertEquals(1.0, f.getDouble(0, "v"));
  }

  @Test
  void misfitAfterTheSampleNamesFileLineColumnAndFix() throws IOException {
    Path p = file("m.csv", "id,v\n1,1\n2,2\n3,abc\n");
    ValidationException e = assertThrows(ValidationException.class, () -> Csv.reader().inferenceRows(2).read(p));
    assertMessage(e, p.toAbsolutePath().toString(), "line 4", "column 2 ('v')", "'abc'", "types(", "schema(",
        "inferenceRows(");
    try (CsvSource src = Csv.reader().inferenceRows(1).open(file("m2.csv", "v\n1\n2.5\n"))) {
      ValidationException s = assertThrows(ValidationException.class, src::readAll);
      assertMessage(s, "line 3", "column 1 ('v')", "streaming");
    }
  }

  @Test
  void malformedRowsFailWithFileLineAndColumn() throws IOException {
    Path few = file("few.csv", "a,b,c\n1,2,3\n\"multi\nline\",2\n");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(few)), few.toAbsolutePath().toString(),
        "line 3", "2 fields", "column 3 ('c') is missing");
    Path many = file("many.csv", "a,b\n1,2,3\n");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(many)), "line 2", "column 3 is extra");
    Path open = file("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(open)), "line 3", "column 2",
        "never closed");
    Path bad = file("bad.csv", "a,b\n1,2\n3,x\n");
    Schema s = Schema.of(Field.of("a", ColumnType.LONG), Field.of("b", ColumnType.LONG));
    assertMessage(assertThrows(ValidationException.class, () -> Csv.reader().schema(s).read(bad)), "line 3",
        "column 2 ('b')", "'x' is not a LONG");
    Path after = file("after.csv", "a\n\"x\"y\n");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(after)), "line 2", "column 1");
    Schema nn = Schema.of(Field.of("a", ColumnType.LONG).withNullable(false));
    assertMessage(assertThrows(ValidationException.class,
        () -> Csv.reader().nullTokens("", "NA").schema(nn).read(file("nn.csv", "a\n1\nNA\n"))),
        "line 3", "column 1 ('a')", "not nullable");
  }

  @Test
  void skipsBlankLines() throws IOException {
    Frame f = Csv.read(file("blank-lines.csv", "a,b\n1,2\n\n3,4\n\n"));
    assertEquals(2, f.rowCount());
    assertEquals(3L, f.getLong(1, "a"));
  }

  @Test
  void skipCountsAndCollectKeepsMalformedRows() throws IOException {
    Path p = file("mix.csv", "a,b\n1,2\n3\n4,x\n5,6\n7,\"open\n");
    Schema s = Schema.of(Field.of("a", ColumnType.LONG), Field.of("b", ColumnType.LONG));
    try (CsvSource src = Csv.reader().schema(s).onMalformed(MalformedRows.SKIP).open(p)) {
      Frame f = src.readAll();
      assertEquals(2, f.rowCount());
      assertEquals(3, src.skippedRows());
      assertEquals(2, src.rowsRead());
      assertTrue(src.rejects().isEmpty());
    }
    try (CsvSource src = Csv.reader().schema(s).onMalformed(MalformedRows.COLLECT).open(p)) {
      Frame f = src.readAll();
      assertEquals(1L, f.getLong(0, "a"));
      assertEquals(5L, f.getLong(1, "a"));
      assertEquals(3, src.skippedRows());
      List<CsvReject> r = src.rejects();
      assertEquals(List.of(3L, 4L, 6L), r.stream().map(CsvReject::line).toList());
      assertEquals("3", r.get(0).text());
      assertEquals("4,x", r.get(1).text());
      assertTrue(r.get(1).reason().contains("column 2 ('b')"), r.get(1).reason());
      assertTrue(r.get(2).reason().contains("never closed"), r.get(2).reason());
    }
  }

  @Test
  void clearErrorsForBadFilesAndHeaders() throws IOException {
    Path missing = dir.resolve("nope.csv");
    assertMessage(assertThrows(NotFoundException.class, () -> Csv.read(missing)), missing.toString());
    Path empty = file("empty.csv", "");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(empty)), "is empty");
    assertEquals(0, Csv.reader().header(false).schema(Schema.of(Field.of("a", ColumnType.LONG))).read(empty)
        .rowCount());
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(file("dup.csv", "a,b,a\n1,2,3\n"))),
        "line 1", "columns 1 and 3", "'a'");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.read(file("blank.csv", "a,,c\n1,2,3\n"))),
        "line 1, column 2", "blank");
    Path h = file("h.csv", "a,b\n1,2\n");
    Schema other = Schema.of(Field.of("a", ColumnType.LONG), Field.of("c", ColumnType.LONG));
    assertMessage(assertThrows(ValidationException.class, () -> Csv.reader().schema(other).read(h)),
        "[a, b]", "[a, c]");
    assertMessage(assertThrows(ValidationException.class,
        () -> Csv.reader().types(Map.of("zz", ColumnType.LONG)).read(h)), "[zz]", "[a, b]");
    assertMessage(assertThrows(ValidationException.class,
        () -> Csv.reader().types(Map.of("a", ColumnType.LONG)).schema(other)), "types(...)");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.reader().delimiter('"')), "quote");
    Frame headerOnly = Csv.read(file("ho.csv", "a,b\n"));
    assertEquals(0, headerOnly.rowCount());
    assertEquals(List.of("a", "b"), headerOnly.columnNames());
  }

  @Test
  void readsGzipByName() throws IOException {
    Path p = dir.resolve("z.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
    }
    Frame f = Csv.read(p);
    assertEquals(2, f.rowCount());
    assertEquals("y", f.getString(1, "b"));
  }

  @Test
  void readsFromAStreamWithItsName() {
    InputStream in = new ByteArrayInputStream("a\n1\nzz\n".getBytes(StandardCharsets.UTF_8));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Csv.reader().schema(Schema.of(Field.of("a", ColumnType.LONG))).read(in, "upload.csv"));
    assertMessage(e, "upload.csv", "line 3");
    Frame f = Csv.reader().read(new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8)), "s");
    assertEquals(1L, f.getLong(0, "a"));
  }

  /** Writes a CSV of {@code rows} rows whose quoted notes hold newlines; returns the file. */
  private Path generated(int rows) throws IOException {
    Path p = dir.resolve("gen.csv");
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("id,x,cat,note\n");
      for (int i = 0; i < rows; i++) {
        w.write(i + "," + (i * 0.25) + ",k" + (i % 7) + ",\"line " + i + "\nmore, \"\"text\"\"\"\n");
      }
    }
    return p;
  }

  @Test
  void streamsBatchesOfBoundedSizeWithoutReadingTheWholeFile() throws IOException {
    Path p = generated(100_000);
    long size = Files.size(p);
    long[] consumed = new long[1];
    InputStream counting = new FilterInputStream(Files.newInputStream(p)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, Math.min(len, 8192));
        consumed[0] += Math.max(n, 0);
        return n;
      }
    };
    try (CsvSource src = Csv.reader().batchRows(1000).open(counting, "gen")) {
      Frame first = src.next();
      assertEquals(1000, first.rowCount());
      assertTrue(consumed[0] < size / 10, "read " + consumed[0] + " of " + size + " bytes for the first batch");
      long rows = first.rowCount();
      int batches = 1;
      while (src.hasNext()) {
        Frame b = src.next();
        assertTrue(b.rowCount() <= 1000);
        rows += b.rowCount();
        batches++;
      }
      assertEquals(100_000, rows);
      assertEquals(100, batches);
      assertEquals(100_000, src.rowsRead());
    }
  }

  @Test
  void parallelReadEqualsSingleThreadedReadEvenWithNewlinesInQuotes() throws IOException {
    Path p = generated(60_000);
    Frame one = Csv.reader().parallelism(1).read(p);
    Frame four = Csv.reader().parallelism(4).read(p);
    assertEquals(one, four);
    assertEquals(60_000, four.rowCount());
    assertEquals("line 59999\nmore, \"text\"", four.getString(59_999, "note"));
  }

  @Test
  void parallelReadReportsTheAbsoluteLineOfAnError() throws IOException {
    Path p = dir.resolve("big.csv");
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("id,x\n");
      for (int i = 0; i < 300_000; i++) {
        w.write(i + "," + (i == 250_000 ? "oops" : i * 0.5) + "\n");
      }
    }
    ValidationException e = assertThrows(ValidationException.class, () -> Csv.reader().parallelism(4).read(p));
    assertMessage(e, "line 250002", "column 2 ('x')", "'oops'");
  }

  /** A file of {@code rows} rows (about 11 bytes each) with a malformed record every {@code badEvery} rows. */
  private Path withBadRows(String name, int rows, int badEvery) throws IOException {
    Path p = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("id,x\n");
      for (int i = 0; i < rows; i++) {
        w.write(i % badEvery == badEvery - 1 ? i + ",bad" + i + "\n" : i + "," + (i % 1000) + ".5\n");
      }
    }
    return p;
  }

  /** A reader that fixes x as DOUBLE, so that the bad values are malformed rather than inferred STRING. */
  private static CsvReader typed() {
    return Csv.reader().types(Map.of("x", ColumnType.DOUBLE));
  }

  @Test
  void readWithReportCountsAndCollectsOnTheSequentialAndParallelPaths() throws IOException {
    Path small = withBadRows("small.csv", 100, 10);
    CsvReadReport r = typed().onMalformed(MalformedRows.COLLECT).readWithReport(small);
    assertEquals(90, r.rowsRead());
    assertEquals(90, r.frame().rowCount());
    assertEquals(10, r.skippedRows());
    assertEquals(11L, r.rejects().get(0).line());
    assertEquals("9,bad9", r.rejects().get(0).text());
    CsvReadReport skip = typed().onMalformed(MalformedRows.SKIP).readWithReport(small);
    assertEquals(10, skip.skippedRows());
    assertTrue(skip.rejects().isEmpty());

    Path big = withBadRows("big-bad.csv", 400_000, 50_000); // about 4.4 MB: parsed in parts
    CsvReader collect = typed().onMalformed(MalformedRows.COLLECT);
    CsvReadReport one = collect.parallelism(1).readWithReport(big);
    CsvReadReport four = collect.parallelism(4).readWithReport(big);
    assertEquals(8, one.skippedRows());
    assertEquals(one.rejects(), four.rejects());
    assertEquals(one.skippedRows(), four.skippedRows());
    assertEquals(one.frame(), four.frame());
    assertEquals(50_001L, four.rejects().get(0).line());
    assertEquals(400_001L, four.rejects().get(7).line());
    assertEquals("399999,bad399999", four.rejects().get(7).text());
    assertEquals(8, collect.onMalformed(MalformedRows.SKIP).parallelism(4).readWithReport(big).skippedRows());
  }

  @Test
  void plainReadLogsOneWarningWithTheCountAndTheFirstReject() throws IOException {
    Path small = withBadRows("warn.csv", 100, 10);
    PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      typed().onMalformed(MalformedRows.COLLECT).read(small);
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("10 malformed record(s)") && log.contains("line 11:"), log);
    assertEquals(1, log.lines().filter(l -> l.contains("WARN")).count(), log);
  }

  @Test
  void collectKeepsAtMostMaxRejectsButCountsThemAll() throws IOException {
    Path p = withBadRows("many.csv", 1000, 2);
    CsvReadReport r = typed().onMalformed(MalformedRows.COLLECT).maxRejects(10).readWithReport(p);
    assertEquals(500, r.skippedRows());
    assertEquals(10, r.rejects().size());
    assertEquals(3L, r.rejects().get(0).line());
    try (CsvSource src = typed().onMalformed(MalformedRows.COLLECT).maxRejects(3).batchRows(7).open(p)) {
      src.readAll();
      assertEquals(500, src.skippedRows());
      assertEquals(List.of(3L, 5L, 7L), src.rejects().stream().map(CsvReject::line).toList());
    }
    assertEquals(1000, typed().onMalformed(MalformedRows.COLLECT).readWithReport(withBadRows("more.csv",
        2400, 2)).rejects().size());
    assertThrows(ValidationException.class, () -> Csv.reader().maxRejects(-1));
  }

  @Test
  void readingAStreamLeavesItOpenButASourceOverAStreamClosesIt() throws IOException {
    boolean[] closed = new boolean[1];
    InputStream in = new FilterInputStream(new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8))) {
      @Override
      public void close() throws IOException {
        closed[0] = true;
        super.close();
      }
    };
    assertEquals(1L, Csv.reader().read(in, "s").getLong(0, "a"));
    assertFalse(closed[0], "read(InputStream, name) closed the caller's stream");
    assertEquals(-1, in.read());
  }

  @Test
  void aSourceOverAStreamOwnsAndClosesIt() {
    boolean[] closed = new boolean[1];
    InputStream in = new FilterInputStream(new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8))) {
      @Override
      public void close() throws IOException {
        closed[0] = true;
        super.close();
      }
    };
    CsvSource src = Csv.reader().open(in, "owned");
    src.close();
    assertTrue(closed[0]);
  }

  @Test
  void numbersWithSurroundingSpacesAreTextForEveryNumericType() throws IOException {
    Frame f = Csv.read(file("spaces.csv", "a,b,c\n 1 ,2.5 ,3\n2,1.5,4\n"));
    assertEquals(ColumnType.STRING, f.schema().field("a").type());
    assertEquals(ColumnType.STRING, f.schema().field("b").type());
    assertEquals(ColumnType.LONG, f.schema().field("c").type());
    assertEquals(" 1 ", f.getString(0, "a"));
    Path p = file("spaces2.csv", "a\n 1.5\n");
    assertMessage(assertThrows(ValidationException.class,
        () -> Csv.reader().types(Map.of("a", ColumnType.DOUBLE)).read(p)), "line 2", "' 1.5'");
  }

  @Test
  void streamingMisfitSuggestsDoubleForNumbersAndStringOtherwise() throws IOException {
    Path p = file("misfit.csv", "a\n1\n2\n2.5\n");
    ValidationException e = assertThrows(ValidationException.class,
        () -> Csv.reader().inferenceRows(2).open(p).readAll());
    assertMessage(e, "line 4", "'2.5'", "ColumnType.DOUBLE");
    Path q = file("misfit2.csv", "a\n1\n2\nabc\n");
    assertMessage(assertThrows(ValidationException.class, () -> Csv.reader().inferenceRows(2).open(q).readAll()),
        "'abc'", "ColumnType.STRING");
  }

  @Test
  void aClosedSourceHasNoNextAndSaysItIsClosed() throws IOException {
    Path p = file("closed.csv", "a,b\n1,x\n2,y\n");
    CsvSource src = Csv.reader().batchRows(1).open(p);
    assertTrue(src.hasNext());
    String shown = src.toString();
    assertTrue(shown.contains("closed.csv") && shown.contains("a") && shown.contains("0 rows read"), shown);
    src.next();
    assertTrue(src.toString().contains("1 rows read"), src.toString());
    assertTrue(src.hasNext());
    src.close();
    assertFalse(src.hasNext());
    IllegalStateException e = assertThrows(IllegalStateException.class, src::next);
    assertEquals("this CsvSource is closed", e.getMessage());
  }

  @Test
  void readerToStringShowsTheEmptyNullToken() {
    String s = Csv.reader().toString();
    assertTrue(s.contains("nullTokens=[\"\"]"), s);
    assertTrue(Csv.reader().nullTokens("", "NA").toString().contains("nullTokens=[\"\", \"NA\"]"));
    assertTrue(s.contains("maxRejects=1000"), s);
  }

  @Test
  void aBlankLineInAOneColumnFileIsANullRow() throws IOException {
    Frame f = Csv.read(file("one.csv", "\na\n1\n\n3\n\n"));
    assertEquals(4, f.rowCount());
    assertTrue(f.column("a").isNull(1));
    assertTrue(f.column("a").isNull(3));
    assertEquals(3L, f.getLong(2, "a"));
  }
}
