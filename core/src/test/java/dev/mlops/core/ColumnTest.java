package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ColumnTest {

  /** Rows where {@code nullRow} holds are null; the value at row i is i (as each type allows). */
  private static List<Column> columnsOf(int rows, IntPredicate nullRow) {
    DoubleColumn.Builder d = DoubleColumn.builder(0);
    LongColumn.Builder l = LongColumn.builder(0);
    BooleanColumn.Builder b = BooleanColumn.builder(0);
    StringColumn.Builder s = StringColumn.builder(0);
    TimestampColumn.Builder t = TimestampColumn.builder(0);
    for (int i = 0; i < rows; i++) {
      if (nullRow.test(i)) {
        d.addNull();
        l.addNull();
        b.addNull();
        s.addNull();
        t.addNull();
      } else {
        d.add(i + 0.5);
        l.add(i);
        b.add(i % 3 == 0);
        s.add("v" + (i % 7));
        t.addMicros(i * 1_000_000L - 5);
      }
    }
    return List.of(d.build(), l.build(), b.build(), s.build(), t.build());
  }

  private static void assertRowsMatch(Column actual, Column source, int[] rows) {
    assertEquals(rows.length, actual.size());
    int nulls = 0;
    for (int i = 0; i < rows.length; i++) {
      assertEquals(source.isNull(rows[i]), actual.isNull(i), "null at " + i);
      assertEquals(source.get(rows[i]), actual.get(i), "value at " + i);
      nulls += source.isNull(rows[i]) ? 1 : 0;
    }
    assertEquals(nulls, actual.nullCount());
    assertEquals(nulls > 0, actual.hasNulls());
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, i -> from + i);
    return r;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 65, 127, 128, 130})
  void nullMasksSurviveSliceAtWordBoundaries(int rows) {
    IntPredicate nullRow = i -> i % 5 == 0 || i == 63 || i == 64 || i == rows - 1;
    for (Column c : columnsOf(rows, nullRow)) {
      for (int[] cut : new int[][] {{0, rows}, {0, Math.min(63, rows)}, {Math.min(1, rows), rows},
          {Math.min(63, rows), rows}, {Math.min(64, rows), rows}, {Math.min(65, rows), rows},
          {rows / 3, rows - rows / 4}}) {
        assertRowsMatch(c.slice(cut[0], cut[1]), c, range(cut[0], cut[1]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 63, 64, 65, 130})
  void nullMasksSurviveTakeWithRepeatsAndReversal(int rows) {
    IntPredicate nullRow = i -> i % 3 == 1 || i == 64;
    int[] order = new int[rows * 2];
    for (int i = 0; i < rows; i++) {
      order[i] = rows - 1 - i;
      order[rows + i] = (i * 7) % rows;
    }
    for (Column c : columnsOf(rows, nullRow)) {
      assertRowsMatch(c.take(order), c, order);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64, 65, 130})
  void nullMasksSurviveConcatAtWordBoundaries(int rows) {
    List<Column> a = columnsOf(rows, i -> i % 4 == 0 || i == rows - 1);
    List<Column> b = columnsOf(65, i -> i == 0 || i == 63 || i == 64);
    List<Column> noNulls = columnsOf(rows, i -> false);
    for (int k = 0; k < a.size(); k++) {
      Column joined = Column.concat(List.of(a.get(k), b.get(k), noNulls.get(k), a.get(k)));
      assertEquals(rows + 65 + rows + rows, joined.size());
      int at = 0;
      for (Column part : List.of(a.get(k), b.get(k), noNulls.get(k), a.get(k))) {
        assertEquals(part, joined.slice(at, at + part.size()));
        at += part.size();
      }
      assertEquals(a.get(k).nullCount() * 2 + b.get(k).nullCount(), joined.nullCount());
    }
  }

  @Test
  void concatRejectsMixedTypes() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Column.concat(List.of(LongColumn.of(1), DoubleColumn.of(1))));
    assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("LONG"), e.getMessage());
  }

  @Test
  void builderRejectsUseAfterBuild() {
    DoubleColumn.Builder d = DoubleColumn.builder(2).add(1.0);
    DoubleColumn built = d.build();
    assertThrows(IllegalStateException.class, () -> d.add(2.0));
    assertThrows(IllegalStateException.class, d::addNull);
    assertThrows(IllegalStateException.class, d::build);
    assertEquals(DoubleColumn.of(1.0), built);
    LongColumn.Builder l = LongColumn.builder(1);
    l.build();
    assertThrows(IllegalStateException.class, () -> l.add(1L));
    BooleanColumn.Builder b = BooleanColumn.builder(1);
    b.build();
    assertThrows(IllegalStateException.class, () -> b.add(true));
    StringColumn.Builder s = StringColumn.builder(1);
    s.build();
    assertThrows(IllegalStateException.class, () -> s.add("x"));
    assertThrows(IllegalStateException.class, s::addNull);
    TimestampColumn.Builder t = TimestampColumn.builder(1);
    t.build();
    assertThrows(IllegalStateException.class, () -> t.addMicros(1));
  }

  @Test
  void builderRejectsNegativeExpectedRows() {
    assertThrows(ValidationException.class, () -> DoubleColumn.builder(-1));
    assertThrows(ValidationException.class, () -> StringColumn.builder(-1));
  }

  @Test
  void builderGrowsPastItsExpectedSize() {
    LongColumn.Builder b = LongColumn.builder(1);
    for (int i = 0; i < 1000; i++) {
      if (i % 100 == 99) {
        b.addNull();
      } else {
        b.add(i);
      }
    }
    assertEquals(1000, b.size());
    LongColumn c = b.build();
    assertEquals(1000, c.size());
    assertEquals(10, c.nullCount());
    assertEquals(998L, c.get(998));
    assertNull(c.get(999));
  }

  @Test
  void boxedAddOfNullAddsANull() {
    assertTrue(DoubleColumn.builder(1).add((Double) null).build().isNull(0));
    assertTrue(LongColumn.builder(1).add((Long) null).build().isNull(0));
    assertTrue(BooleanColumn.builder(1).add((Boolean) null).build().isNull(0));
    assertTrue(TimestampColumn.builder(1).add(null).build().isNull(0));
  }

  @Test
  void valuesGivenForNullRowsAreDropped() {
    boolean[] mask = {false, true};
    DoubleColumn d = DoubleColumn.of(new double[] {1, 7}, mask);
    assertTrue(Double.isNaN(d.getDouble(1)));
    assertArrayEquals(new long[] {1, 0}, LongColumn.of(new long[] {1, 7}, mask).toArray());
    assertArrayEquals(new boolean[] {true, false}, BooleanColumn.of(new boolean[] {true, true}, mask).toArray());
    assertArrayEquals(new long[] {1, 0}, TimestampColumn.ofMicros(new long[] {1, 7}, mask).toMicrosArray());
    assertNull(d.get(1));
  }

  @Test
  void ofCopiesItsInput() {
    double[] values = {1, 2};
    DoubleColumn d = DoubleColumn.of(values);
    values[0] = 99;
    assertEquals(1.0, d.getDouble(0));
    d.toArray()[1] = 99;
    assertEquals(2.0, d.getDouble(1));
  }

  @Test
  void rejectsNullMaskOfWrongLength() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> LongColumn.of(new long[] {1, 2}, new boolean[] {true}));
    assertTrue(e.getMessage().contains("1 entries") && e.getMessage().contains("2 values"), e.getMessage());
  }

  @Test
  void typedGettersCheckTheRowIndex() {
    assertThrows(IndexOutOfBoundsException.class, () -> DoubleColumn.of(1).getDouble(1));
    assertThrows(IndexOutOfBoundsException.class, () -> LongColumn.of(1).isNull(-1));
    // A builder over-allocates; rows past the size are still out of range.
    LongColumn l = LongColumn.builder(100).add(1).build();
    assertThrows(IndexOutOfBoundsException.class, () -> l.getLong(1));
    assertThrows(IndexOutOfBoundsException.class, () -> l.take(new int[] {1}));
    assertThrows(IndexOutOfBoundsException.class, () -> l.slice(0, 2));
  }

  @Test
  void equalityTreatsNanAsEqualAndNullAsDifferentFromEveryValue() {
    assertEquals(DoubleColumn.of(1, Double.NaN), DoubleColumn.of(1, Double.NaN));
    assertEquals(DoubleColumn.of(1, Double.NaN).hashCode(), DoubleColumn.of(1, Double.NaN).hashCode());
    DoubleColumn withNull = DoubleColumn.builder(2).add(1).addNull().build();
    assertNotEquals(DoubleColumn.of(1, Double.NaN), withNull);
    assertNotEquals(withNull, DoubleColumn.of(1, Double.NaN));
    assertNotEquals(LongColumn.of(0, 0), LongColumn.builder(2).add(0).addNull().build());
    assertNotEquals(BooleanColumn.of(false), BooleanColumn.builder(1).addNull().build());
    assertNotEquals(StringColumn.of("null"), StringColumn.of((String) null));
    assertEquals(DoubleColumn.builder(1).addNull().build(), DoubleColumn.of(new double[] {5}, new boolean[] {true}));
    assertNotEquals(LongColumn.of(1), DoubleColumn.of(1));
    assertNotEquals(LongColumn.of(1), LongColumn.of(1, 2));
  }

  @Test
  void stringEqualityIgnoresTheDictionaryEncoding() {
    StringColumn a = StringColumn.of("x", "y", null);
    StringColumn b = StringColumn.ofCodes(new int[] {1, 0, -1}, List.of("y", "x"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, StringColumn.of("x", "y", "z"));
  }

  @Test
  void stringColumnSharesCodesForEqualValues() {
    StringColumn c = StringColumn.of("red", "green", "red", null);
    assertEquals(c.code(0), c.code(2));
    assertEquals(-1, c.code(3));
    assertEquals(List.of("red", "green"), c.dictionary());
    assertEquals(2, c.dictionarySize());
    assertArrayEquals(new String[] {"red", "green", "red", null}, c.toArray());
    assertEquals(1, c.nullCount());
    assertEquals(c, StringColumn.of(Arrays.asList("red", "green", "red", null)));
  }

  @Test
  void ofCodesValidatesCodesAndDictionary() {
    ValidationException range = assertThrows(ValidationException.class,
        () -> StringColumn.ofCodes(new int[] {0, 2}, List.of("a", "b")));
    assertTrue(range.getMessage().contains("code 2 at row 1"), range.getMessage());
    assertThrows(ValidationException.class, () -> StringColumn.ofCodes(new int[] {-2}, List.of("a")));
    ValidationException dup = assertThrows(ValidationException.class,
        () -> StringColumn.ofCodes(new int[] {0, 1}, List.of("a", "a")));
    assertTrue(dup.getMessage().contains("entries 0 and 1"), dup.getMessage());
    assertThrows(ValidationException.class, () -> StringColumn.ofCodes(new int[] {0}, Arrays.asList("a", null)));
    int[] codes = {0, -1};
    StringColumn c = StringColumn.ofCodes(codes, List.of("a", "unused"));
    codes[1] = 0;
    assertTrue(c.isNull(1));
    assertEquals("a", c.getString(0));
  }

  @Test
  void stringTakeAndSliceKeepTheDictionary() {
    StringColumn c = StringColumn.of("a", "b", "c");
    StringColumn s = c.slice(2, 3);
    assertEquals("c", s.getString(0));
    assertEquals(3, s.dictionarySize());
    assertEquals(StringColumn.of("c", "a"), c.take(new int[] {2, 0}));
  }

  @Test
  void stringConcatMergesDifferentDictionaries() {
    StringColumn a = StringColumn.of("x", "y", null);
    StringColumn b = StringColumn.of("z", null, "y", "x");
    StringColumn c = StringColumn.of("y");
    StringColumn joined = (StringColumn) Column.concat(List.of(a, b, c, a));
    List<String> expected = new ArrayList<>();
    for (StringColumn part : List.of(a, b, c, a)) {
      expected.addAll(Arrays.asList(part.toArray()));
    }
    assertEquals(expected, Arrays.asList(joined.toArray()));
    assertEquals(List.of("x", "y", "z"), joined.dictionary());
    assertEquals(joined.code(1), joined.code(5));
    assertEquals(3, joined.nullCount());
  }

  @Test
  void columnToStringShowsUpToTwentyValues() {
    assertEquals("LONG[1, <null>, 3]", LongColumn.builder(3).add(1).addNull().add(3).build().toString());
    LongColumn.Builder b = LongColumn.builder(25);
    for (int i = 0; i < 25; i++) {
      b.add(i);
    }
    String s = b.build().toString();
    assertTrue(s.endsWith(", 19, ... (25 rows)]"), s);
  }

  @Test
  void primitiveGettersWithNoValueForANullThrowNamingTheRow() {
    LongColumn l = LongColumn.builder(2).add(5).addNull().build();
    BooleanColumn b = BooleanColumn.builder(2).addNull().add(true).build();
    TimestampColumn t = TimestampColumn.builder(2).addMicros(9).addNull().build();
    assertMessage(assertThrows(ValidationException.class, () -> l.getLong(1)),
        "row 1", "LONG", "null", "getLong", "isNull(1)", "get(1)");
    assertMessage(assertThrows(ValidationException.class, () -> b.getBoolean(0)),
        "row 0", "BOOLEAN", "getBoolean", "isNull(0)");
    assertMessage(assertThrows(ValidationException.class, () -> t.getMicros(1)),
        "row 1", "TIMESTAMP", "getMicros", "isNull(1)");
    assertEquals(5L, l.getLong(0));
    assertTrue(b.getBoolean(1));
    assertEquals(9L, t.getMicros(0));
  }

  @Test
  void nullableGettersGiveNullOrNanAndBulkCopiesKeepTheirFillValues() {
    DoubleColumn d = DoubleColumn.builder(2).addNull().add(Double.NaN).build();
    assertTrue(Double.isNaN(d.getDouble(0)), "a null reads as NaN, as pandas");
    assertTrue(d.isNull(0));
    assertFalse(d.isNull(1), "NaN is a value");
    assertNull(d.get(0));
    assertNull(StringColumn.of("a", null).getString(1));
    assertNull(TimestampColumn.of(Instant.EPOCH, null).getInstant(1));
    assertArrayEquals(new long[] {5, 0}, LongColumn.builder(2).add(5).addNull().build().toArray());
    assertArrayEquals(new boolean[] {false, true}, BooleanColumn.builder(2).addNull().add(true).build().toArray());
    assertArrayEquals(new long[] {9, 0}, TimestampColumn.builder(2).addMicros(9).addNull().build().toMicrosArray());
  }

  @Test
  void outOfRangeRowsNameTheRowAndTheRowCount() {
    LongColumn l = LongColumn.of(1, 2, 3);
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> l.get(99)), "row 99", "3 rows", "0 to 2");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> StringColumn.of("a").getString(-1)),
        "row -1", "1 row (row 0)");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> DoubleColumn.of().getDouble(0)),
        "row 0", "no rows");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> l.take(new int[] {0, 7})),
        "rows[1] is 7", "3 rows");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> l.slice(2, 1)),
        "slice(2, 1)", "3 rows", "0 <= from <= to <= 3");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> StringColumn.of("a").slice(0, 2)),
        "slice(0, 2)", "1 row;");
  }

  private static void assertMessage(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
  }

  @Test
  void booleanAndLongGettersReturnValues() {
    BooleanColumn b = BooleanColumn.of(true, false);
    assertTrue(b.getBoolean(0));
    assertFalse(b.getBoolean(1));
    assertEquals(Boolean.FALSE, b.get(1));
    assertEquals(ColumnType.BOOLEAN, b.type());
    assertEquals(12L, LongColumn.of(11, 12).getLong(1));
  }
}
