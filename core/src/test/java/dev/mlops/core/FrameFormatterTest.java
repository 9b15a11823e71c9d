package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameFormatterTest {

  private static Frame rows(int n) {
    LongColumn.Builder id = LongColumn.builder(n);
    StringColumn.Builder s = StringColumn.builder(n);
    for (int i = 0; i < n; i++) {
      id.add(i * 10L);
      s.add("r" + i);
    }
    return Frame.builder().column("id", id.build()).column("s", s.build()).build();
  }

  @Test
  void alignsNumbersRightAndTextLeft() {
    Frame f = Frame.builder().longs("id", 1, 22).strings("name", "a", "bob").doubles("x", 0.5, 10.25).build();
    assertEquals("""
           id  name      x
        0   1  a       0.5
        1  22  bob   10.25
        """, f.toString());
  }

  @Test
  void showsNullsBooleansAndTimestamps() {
    Frame f = Frame.builder().column("x", DoubleColumn.builder(2).addNull().add(3).build())
        .booleans("ok", true, false).timestamps("at", Instant.EPOCH, null).build();
    assertEquals("""
                x  ok     at
        0  <null>  true   1970-01-01T00:00:00Z
        1     3.0  false  <null>
        """, f.toString());
  }

  @Test
  void nullsPrintDistinctlyFromTheTextNullAndFromNan() {
    Frame f = Frame.builder().strings("s", "null", null).doubles("x", Double.NaN, 1)
        .column("y", DoubleColumn.builder(2).add(1).addNull().build()).build();
    assertEquals("""
           s         x       y
        0  null    NaN     1.0
        1  <null>  1.0  <null>
        """, f.toString());
    assertEquals("{s=null, x=NaN, y=1.0}", f.row(0).toString());
    assertEquals("{s=<null>, x=1.0, y=<null>}", f.row(1).toString());
    assertEquals("STRING[null, <null>]", f.column("s").toString());
  }

  @Test
  void measuresDisplayWidthOfWideAndCombiningCharacters() {
    assertEquals(3, FrameFormatter.width("abc"));
    assertEquals(4, FrameFormatter.width("\u6771\u4eac"), "Tokyo in kanji: two wide characters");
    assertEquals(6, FrameFormatter.width("\uc11c\uc6b8\uff21"), "Hangul syllables and a fullwidth A");
    assertEquals(2, FrameFormatter.width("\uD83D\uDE00"), "an emoji outside the BMP is one wide code point");
    assertEquals(2, FrameFormatter.width("\uD840\uDC0B"), "a CJK extension B ideograph (plane 2)");
    assertEquals(4, FrameFormatter.width("Cafe\u0301"), "a combining acute accent takes no column");
    assertEquals(0, FrameFormatter.width("\u200d"), "zero-width joiner");
    assertEquals(1, FrameFormatter.width(0x303F), "half-fill space is narrow inside a wide block");
    assertEquals(1, FrameFormatter.width(0x10FF), "just below the first wide range");
    assertEquals(2, FrameFormatter.width(0x1100), "first wide code point");
    assertEquals(1, FrameFormatter.width(0x1F650), "between two wide emoji blocks");
  }

  @Test
  void alignsColumnsHoldingWideCharacters() {
    Frame f = Frame.builder().strings("city", "\u6771\u4eac", "Oslo", "Cafe\u0301").longs("n", 1, 22, 3).build();
    List<String> lines = f.toString().lines().toList();
    assertEquals(List.of(
        "   city   n",
        "0  \u6771\u4eac   1",
        "1  Oslo  22",
        "2  Cafe\u0301   3"), lines);
    for (String line : lines) {
      assertEquals(11, FrameFormatter.width(line), line);
    }
  }

  @Test
  void clipsWideTextToThirtyTwoColumnsWithoutSplittingACharacter() {
    String cell = FrameFormatter.clip("\u6771".repeat(20));
    assertEquals("\u6771".repeat(14) + "...", cell);
    assertEquals(31, FrameFormatter.width(cell), "a wide character that would overflow is left out");
    assertEquals("e\u0301".repeat(29) + "...", FrameFormatter.clip("e\u0301".repeat(40)),
        "combining marks stay with their letter");
  }

  @Test
  void showsEveryRowUpToTwenty() {
    String s = rows(20).toString();
    assertEquals(21, s.lines().count());
    assertFalse(s.contains("..."));
    assertFalse(s.contains("rows x"));
  }

  @Test
  void truncatesMoreThanTwentyRowsToFirstTenAndLastFiveWithAFooter() {
    List<String> lines = rows(21).toString().lines().toList();
    assertEquals(1 + 10 + 1 + 5 + 1, lines.size());
    assertEquals("  0    0  r0", lines.get(1));
    assertEquals("  9   90  r9", lines.get(10));
    assertEquals("...  ...  ...", lines.get(11));
    assertEquals(" 16  160  r16", lines.get(12));
    assertEquals(" 20  200  r20", lines.get(16));
    assertEquals("[21 rows x 2 columns]", lines.get(17));
    assertTrue(rows(1_000_000).toString().endsWith("[1000000 rows x 2 columns]\n"));
  }

  @Test
  void toStringAllShowsEveryRow() {
    assertEquals(1 + 25, rows(25).toStringAll().lines().count());
  }

  @Test
  void clipsLongCellsAndEscapesNewlinesAndControlCharacters() {
    String longText = "x".repeat(40);
    Frame f = Frame.builder().strings("s", longText, "two\nlines\tand\u001b[31mred", "\uD83D\uDE00".repeat(40))
        .build();
    List<String> lines = f.toString().lines().toList();
    assertEquals(4, lines.size(), "one line per row");
    assertEquals("0  " + "x".repeat(29) + "...", lines.get(1));
    assertEquals("1  two\\nlines\\tand\\u001b[31mred", lines.get(2));
    assertEquals("2  " + "\uD83D\uDE00".repeat(14) + "...", lines.get(3),
        "clips by display width (an emoji is two columns), never inside a surrogate pair");
  }

  @Test
  void emptyFrameShowsHeaderAndFooter() {
    Frame f = Frame.empty(Schema.of(Field.of("a", ColumnType.LONG), Field.of("b", ColumnType.STRING)));
    assertEquals("""
        a  b
        [0 rows x 2 columns]
        """, f.toString());
    assertEquals("\n0\n[1 row x 0 columns]\n", rows(1).select().toString());
  }

  @Test
  void formatsNumbersLikePandasDisplay() {
    assertEquals("3.0", Formats.number(3));
    assertEquals("0.333333", Formats.number(1.0 / 3));
    assertEquals("1.5e-05", Formats.number(1.5e-5));
    assertEquals("-2e-07", Formats.number(-2e-7));
    assertEquals("1.23457e+08", Formats.number(123456789.5));
    assertEquals("123456789.0", Formats.number(123456789));
    assertEquals("NaN", Formats.number(Double.NaN));
    assertEquals("-Infinity", Formats.number(Double.NEGATIVE_INFINITY));
  }

  @Test
  void headPrintsLikePandas() {
    String s = rows(8).head().toString();
    assertEquals(6, s.lines().count());
  }
}
