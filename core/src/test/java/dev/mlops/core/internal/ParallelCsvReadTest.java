package dev.mlops.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.CsvReadReport;
import dev.mlops.core.Frame;
import dev.mlops.core.MalformedRows;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCsvReadTest {
  @TempDir Path dir;

  private static CsvReadSettings settings(int parallelism) {
    return new CsvReadSettings(',', '"', List.of(""), true, null, Map.of(), 1_000, 65_536, MalformedRows.FAIL,
        StandardCharsets.UTF_8, parallelism, 1_000);
  }

  /**
   * About 4 MB in 120,000 rows: {@code v} is LONG until row 100,000 (in the last of 3 parts), where 2.5 makes it
   * DOUBLE; {@code cat} has values first seen in the second and the third part; nulls in three columns.
   */
  private Path mixed() throws IOException {
    Path p = dir.resolve("mixed.csv");
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("id,v,cat,d,note\n");
      for (int i = 0; i < 120_000; i++) {
        String v = i == 100_000 ? "2.5" : i % 19 == 0 ? "" : String.valueOf(i * 7L);
        String cat = i % 23 == 0 ? "" : (i < 40_000 ? "early" : i < 80_000 ? "middle" : "late") + (i % 5);
        String d = i % 29 == 0 ? "" : String.valueOf(i * 0.125);
        w.write(i + "," + v + "," + cat + "," + d + ",some padding text " + (i % 101) + "\n");
      }
    }
    return p;
  }

  @Test
  void parallelPartsJoinToTheSingleThreadedFrame() throws IOException {
    Path p = mixed();
    long size = Files.size(p);
    assertTrue(size > 3 * CsvReading.MIN_PART_BYTES, "file of " + size + " bytes");
    CsvReadReport parallel = ParallelCsvRead.read(p, size, 3, settings(3));
    assertNotNull(parallel, "the parallel read fell back to the sequential one");
    Frame one = CsvReading.read(p, settings(1)).frame();
    Frame f = parallel.frame();
    assertEquals(ColumnType.DOUBLE, f.schema().field("v").type());
    assertEquals(ColumnType.STRING, f.schema().field("cat").type());
    assertEquals(one.schema(), f.schema());
    assertEquals(one, f);
    assertEquals(120_000, f.rowCount());
    assertEquals(2.5, f.getDouble(100_000, "v"));
    assertEquals(7.0 * 99_999, f.getDouble(99_999, "v"));
    assertTrue(f.column("v").isNull(19) && f.column("cat").isNull(23) && f.column("d").isNull(29));
    assertEquals("late4", f.getString(119_999, "cat"));
    assertEquals("middle1", f.getString(40_001, "cat"));
    assertEquals(15, f.strings("cat").dictionary().size());
    assertEquals(one, CsvReading.read(p, settings(4)).frame());
  }

  @Test
  void newlinesInQuotesFallBackToTheSequentialReadWithTheSameResult() throws IOException {
    Path p = dir.resolve("quoted.csv");
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("id,x,cat,note\n");
      for (int i = 0; i < 60_000; i++) {
        w.write(i + "," + (i * 0.25) + ",k" + (i % 7) + ",\"line " + i + "\nmore, \"\"text\"\"\"\n");
      }
    }
    long size = Files.size(p);
    assertNull(ParallelCsvRead.read(p, size, 4, settings(4)), "a cut inside a quoted field went unnoticed");
    Frame one = CsvReading.read(p, settings(1)).frame();
    Frame four = CsvReading.read(p, settings(4)).frame();
    assertEquals(one, four);
    assertEquals(60_000, four.rowCount());
    assertEquals("line 59999\nmore, \"text\"", four.getString(59_999, "note"));
  }
}
