package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Frame sample() {
    return Frame.builder()
        .longs("id", 1, 2, 3, 4)
        .doubles("x", 0.5, Double.NaN, 2.5, -1)
        .strings("kind", "a", "b", null, "a")
        .booleans("ok", true, false, true, true)
        .timestamps("at", T0, null, T0.plusSeconds(60), T0)
        .build();
  }

  private static void assertMessage(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void buildsFromJavaArraysWithTypesAndRowCount() {
    Frame f = sample();
    assertEquals(4, f.rowCount());
    assertEquals(5, f.columnCount());
    assertEquals(List.of("id", "x", "kind", "ok", "at"), f.columnNames());
    assertEquals(ColumnType.TIMESTAMP, f.schema().field("at").type());
    assertEquals(2L, f.getLong(1, "id"));
    assertTrue(Double.isNaN(f.getDouble(1, "x")));
    assertFalse(f.isNull(1, "x"), "NaN is a value, not a null");
    assertNull(f.getString(2, "kind"));
    assertTrue(f.getBoolean(0, "ok"));
    assertEquals(T0.plusSeconds(60), f.getInstant(2, "at"));
    assertNull(f.getInstant(1, "at"));
  }

  @Test
  void buildsFromListsAndBoxedValues() {
    Frame f = Frame.builder()
        .strings("s", Arrays.asList("a", null))
        .values("n", ColumnType.LONG, Arrays.asList(1, null))
        .values("d", ColumnType.DOUBLE, List.of(1, 2.5f))
        .build();
    assertEquals(StringColumn.of("a", null), f.column("s"));
    assertEquals(LongColumn.builder(2).add(1).addNull().build(), f.column("n"));
    assertEquals(DoubleColumn.of(1, 2.5), f.column("d"));
  }

  @Test
  void buildsFromBoxedRows() {
    Schema s = Schema.of(Field.of("id", ColumnType.LONG).withNullable(false), Field.of("x", ColumnType.DOUBLE),
        Field.of("name", ColumnType.STRING), Field.of("ok", ColumnType.BOOLEAN),
        Field.of("at", ColumnType.TIMESTAMP));
    Frame f = Frame.fromRows(s, List.of(
        List.of(1L, 0.5, "ann", true, T0),
        Arrays.asList(2, null, null, null, null)));
    assertEquals(s, f.schema());
    assertEquals(2L, f.getLong(1, "id"));
    assertTrue(f.isNull(1, "x") && f.isNull(1, "name") && f.isNull(1, "ok") && f.isNull(1, "at"));
    assertEquals("ann", f.getString(0, "name"));
    assertEquals(f, Frame.of(s, List.of(LongColumn.of(1, 2), DoubleColumn.builder(2).add(0.5).addNull().build(),
        StringColumn.of("ann", null), BooleanColumn.builder(2).add(true).addNull().build(),
        TimestampColumn.of(T0, null))));
  }

  @Test
  void fromRowsRejectsWrongTypesNamingRowAndColumn() {
    Schema s = Schema.of(Field.of("id", ColumnType.LONG), Field.of("name", ColumnType.STRING));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Frame.fromRows(s, List.of(List.of(1L, "a"), List.of(2.5, "b"))));
    assertMessage(e, "row 1", "'id'", "Double", "2.5");
    e = assertThrows(ValidationException.class, () -> Frame.fromRows(s, List.of(List.of(1L, 7))));
    assertMessage(e, "row 0", "'name'", "Integer");
  }

  @Test
  void fromRowsRejectsRowsOfWrongLengthAndNullsInNotNullableFields() {
    Schema s = Schema.of(Field.of("id", ColumnType.LONG).withNullable(false), Field.of("x", ColumnType.DOUBLE));
    assertMessage(assertThrows(ValidationException.class, () -> Frame.fromRows(s, List.of(List.of(1L)))),
        "row 0 has 1 values", "2 fields");
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.fromRows(s, List.of(List.of(1L, 1.0), Arrays.asList(null, 2.0)))),
        "row 1", "'id'", "not nullable");
  }

  @Test
  void ofRejectsMismatchedLengthsTypesCountsAndNulls() {
    Schema s = Schema.of(Field.of("a", ColumnType.LONG), Field.of("b", ColumnType.DOUBLE));
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.of(s, List.of(LongColumn.of(1, 2), DoubleColumn.of(1)))), "'b' has 1 rows", "'a' has 2");
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.of(s, List.of(LongColumn.of(1), LongColumn.of(1)))), "'b' is LONG", "schema says DOUBLE");
    assertMessage(assertThrows(ValidationException.class, () -> Frame.of(s, List.of(LongColumn.of(1)))),
        "2 fields but 1 columns");
    assertMessage(assertThrows(ValidationException.class, () -> Frame.of(s, Arrays.asList(LongColumn.of(1), null))),
        "column 1", "'b'");
    Schema notNull = Schema.of(Field.of("a", ColumnType.LONG).withNullable(false));
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.of(notNull, List.of(LongColumn.builder(1).addNull().build()))), "'a'", "not nullable", "1 nulls");
  }

  @Test
  void builderRejectsDuplicateNamesBadNamesAndMismatchedLengths() {
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.builder().longs("a", 1).doubles("a", 1)), "'a' was already added");
    assertThrows(ValidationException.class, () -> Frame.builder().longs(" ", 1));
    assertThrows(ValidationException.class, () -> Frame.builder().longs("a\nb", 1));
    assertThrows(ValidationException.class, () -> Frame.builder().column(
        Field.of("x", ColumnType.STRING).withTags("Not A Tag"), StringColumn.of("v")));
    assertMessage(assertThrows(ValidationException.class,
        () -> Frame.builder().longs("a", 1, 2).doubles("b", 1).build()), "'b' has 1 rows");
  }

  @Test
  void builderRejectsReuseAfterBuildButAllowsFixingBeforeIt() {
    Frame.Builder b = Frame.builder().longs("a", 1);
    Frame f = b.build();
    assertThrows(IllegalStateException.class, () -> b.longs("b", 2));
    assertThrows(IllegalStateException.class, b::build);
    assertEquals(1, f.columnCount());
  }

  @Test
  void builderKeepsFieldTags() {
    Frame f = Frame.builder().column(Field.of("email", ColumnType.STRING).withTags("pii"), StringColumn.of("a@x"))
        .build();
    assertTrue(f.schema().field("email").isPii());
  }

  @Test
  void emptyFrameHasTheSchemaAndNoRows() {
    Schema s = Schema.of(Field.of("a", ColumnType.LONG), Field.of("s", ColumnType.STRING));
    Frame e = Frame.empty(s);
    assertEquals(s, e.schema());
    assertEquals(0, e.rowCount());
    assertFalse(e.iterator().hasNext());
  }

  @Test
  void findsColumnsByNameAndIndex() {
    Frame f = sample();
    assertSame(f.column(2), f.column("kind"));
    assertSame(f.column("x"), f.doubles("x"));
    assertEquals(ColumnType.BOOLEAN, f.booleans("ok").type());
    assertEquals(4, f.longs("id").size());
    assertEquals(4, f.strings("kind").size());
    assertEquals(4, f.timestamps("at").size());
    assertEquals(5, f.columns().size());
    assertMessage(assertThrows(NotFoundException.class, () -> f.column("nope")), "'nope'", "[id, x, kind, ok, at]");
    assertThrows(IndexOutOfBoundsException.class, () -> f.column(5));
  }

  @Test
  void wrongTypeErrorsNameBothTypesAndTheRightAccessor() {
    Frame f = sample();
    assertMessage(assertThrows(ValidationException.class, () -> f.doubles("kind")),
        "'kind' is STRING, not DOUBLE", "getString(row, \"kind\")");
    assertMessage(assertThrows(ValidationException.class, () -> f.getLong(0, "x")), "DOUBLE", "LONG");
    assertMessage(assertThrows(ValidationException.class, () -> f.getDouble(0, "kind")), "STRING", "DOUBLE");
    assertMessage(assertThrows(ValidationException.class, () -> f.getString(0, "id")), "LONG", "STRING");
    assertMessage(assertThrows(ValidationException.class, () -> f.getInstant(0, "ok")), "BOOLEAN", "TIMESTAMP");
    assertMessage(assertThrows(ValidationException.class, () -> f.getBoolean(0, "at")), "TIMESTAMP", "BOOLEAN");
  }

  @Test
  void getDoubleWidensLongsAndGivesNanForNulls() {
    Frame f = Frame.builder().column("n", LongColumn.builder(2).add(7).addNull().build())
        .column("d", DoubleColumn.builder(1).addNull().add(1).build()).build();
    assertEquals(7.0, f.getDouble(0, "n"));
    assertTrue(Double.isNaN(f.getDouble(1, "n")));
    assertTrue(Double.isNaN(f.getDouble(0, "d")));
    assertNull(f.get(1, "n"));
  }

  @Test
  void nullLongOrBooleanIsAnErrorNamingRowAndColumn() {
    Frame f = Frame.builder().column("n", LongColumn.builder(2).add(7).addNull().build())
        .column("b", BooleanColumn.builder(2).addNull().add(true).build()).build();
    assertMessage(assertThrows(ValidationException.class, () -> f.getLong(1, "n")), "row 1", "'n'", "null",
        "isNull(1, \"n\")", "get(1, \"n\")");
    assertMessage(assertThrows(ValidationException.class, () -> f.getBoolean(0, "b")), "row 0", "'b'", "null");
    Row r1 = f.row(1);
    assertMessage(assertThrows(ValidationException.class, () -> r1.getLong("n")), "row 1", "'n'",
        "isNull(\"n\")", "get(\"n\")");
    assertMessage(assertThrows(ValidationException.class, () -> f.row(0).getBoolean("b")), "row 0", "'b'");
    assertMessage(assertThrows(ValidationException.class, () -> f.longs("n").getLong(1)), "row 1", "null");
    assertEquals(7L, f.rows().filter(r -> !r.isNull("n")).mapToLong(r -> r.getLong("n")).sum());
  }

  @Test
  void outOfRangeRowsNameTheRowCountAtEveryEntryPoint() {
    Frame f = sample();
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.row(5)), "row 5", "4 rows (0 to 3)");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.slice(2, 1)),
        "slice(2, 1)", "frame's 4 rows", "0 <= from <= to <= 4");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.take(new int[] {1, -1})),
        "rows[1] is -1", "frame has 4 rows");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.column("x").get(99)),
        "row 99", "column has 4 rows");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.getDouble(4, "x")),
        "row 4", "frame has 4 rows");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.getString(-1, "kind")), "row -1");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.column(5)),
        "column 5", "5 columns [id, x, kind, ok, at]");
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> f.schema().field(-1)), "column -1");
    Frame empty = f.head(0);
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> empty.row(0)), "no rows");
  }

  @Test
  void selectDropAndRenameShareColumns() {
    Frame f = sample();
    Frame s = f.select("kind", "id");
    assertEquals(List.of("kind", "id"), s.columnNames());
    assertSame(f.column("id"), s.column("id"));
    assertEquals(List.of("id", "ok", "at"), f.drop("x", "kind").columnNames());
    assertThrows(NotFoundException.class, () -> f.drop("nope"));
    Frame r = f.rename("x", "feature");
    assertEquals(List.of("id", "feature", "kind", "ok", "at"), r.columnNames());
    assertSame(f.column("x"), r.column("feature"));
    assertThrows(NotFoundException.class, () -> r.column("x"));
  }

  @Test
  void renameKeepsTagsAndSwapsNamesAtOnce() {
    Frame f = Frame.builder().column(Field.of("a", ColumnType.LONG).withTags("pii"), LongColumn.of(1))
        .longs("b", 2).build();
    Frame swapped = f.rename(Map.of("a", "b", "b", "a"));
    assertEquals(List.of("b", "a"), swapped.columnNames());
    assertEquals(1L, swapped.getLong(0, "b"));
    assertTrue(swapped.schema().field("b").isPii());
  }

  @Test
  void renameToAnExistingNameIsAClearError() {
    Frame f = sample();
    ValidationException e = assertThrows(ValidationException.class, () -> f.rename("x", "id"));
    assertMessage(e, "two columns named 'id'", "'id' and 'x'");
    assertThrows(ValidationException.class, () -> f.rename("x", ""));
    assertThrows(NotFoundException.class, () -> f.rename("nope", "y"));
  }

  @Test
  void withColumnAddsAtTheEndOrReplacesInPlace() {
    Frame f = sample();
    Frame added = f.withColumn("y", DoubleColumn.of(1, 2, 3, 4));
    assertEquals("y", added.columnNames().get(5));
    Frame replaced = f.withColumn("x", LongColumn.of(9, 9, 9, 9));
    assertEquals(1, replaced.schema().indexOf("x"));
    assertEquals(ColumnType.LONG, replaced.schema().field("x").type());
    assertMessage(assertThrows(ValidationException.class, () -> f.withColumn("y", DoubleColumn.of(1))),
        "'y' has 1 rows", "frame has 4");
    assertThrows(ValidationException.class,
        () -> f.withColumn(Field.of("y", ColumnType.LONG), DoubleColumn.of(1, 2, 3, 4)));
  }

  @Test
  void withColumnReplacingATaggedColumnKeepsItsTags() {
    Frame f = Frame.builder().column(Field.of("email", ColumnType.STRING).withTags("pii").withNullable(false),
        StringColumn.of("a@x", "b@y")).build();
    Frame masked = f.withColumn("email", StringColumn.of("***", null));
    Field field = masked.schema().field("email");
    assertTrue(field.isPii());
    assertTrue(field.nullable());
    Frame explicit = f.withColumn(Field.of("email", ColumnType.STRING), StringColumn.of("a", "b"));
    assertFalse(explicit.schema().field("email").isPii());
  }

  @Test
  void filtersByRowPredicate() {
    Frame f = sample();
    Frame a = f.filter(r -> "a".equals(r.getString("kind")));
    assertEquals(List.of(1L, 4L), List.of(a.getLong(0, "id"), a.getLong(1, "id")));
    assertEquals(0, f.filter(r -> false).rowCount());
    assertEquals(f, f.filter(r -> true));
    Frame nullKinds = f.filter(r -> r.isNull("kind"));
    assertEquals(3L, nullKinds.getLong(0, "id"));
  }

  @Test
  void takeAndSliceSelectRows() {
    Frame f = sample();
    Frame t = f.take(new int[] {3, 0, 0});
    assertEquals(List.of(4L, 1L, 1L), List.of(t.getLong(0, "id"), t.getLong(1, "id"), t.getLong(2, "id")));
    assertThrows(IndexOutOfBoundsException.class, () -> f.take(new int[] {4}));
    Frame s = f.slice(1, 3);
    assertEquals(2, s.rowCount());
    assertEquals(2L, s.getLong(0, "id"));
    assertNull(s.getInstant(0, "at"));
    assertEquals(0, f.slice(4, 4).rowCount());
    assertThrows(IndexOutOfBoundsException.class, () -> f.slice(2, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> f.slice(3, 2));
  }

  @ParameterizedTest(name = "head({0}) and tail({0}) of 4 rows")
  @CsvSource({"0, 0, 0", "1, 1, 4", "3, 1, 2", "4, 1, 1", "10, 1, 1", "-1, 1, 2", "-3, 1, 4", "-4, 0, 0",
      "-10, 0, 0"})
  void headAndTailFollowPandasIncludingNegativeN(int n, long headFirstId, long tailFirstId) {
    Frame f = sample();
    int expected = n >= 0 ? Math.min(n, 4) : Math.max(4 + n, 0);
    Frame h = f.head(n);
    Frame t = f.tail(n);
    assertEquals(expected, h.rowCount());
    assertEquals(expected, t.rowCount());
    if (expected > 0) {
      assertEquals(headFirstId, h.getLong(0, "id"));
      assertEquals(tailFirstId, t.getLong(0, "id"));
      assertEquals(4L, t.getLong(expected - 1, "id"));
    }
  }

  @Test
  void headAndTailWithoutArgumentsGiveFiveRows() {
    LongColumn.Builder b = LongColumn.builder(8);
    for (int i = 0; i < 8; i++) {
      b.add(i);
    }
    Frame f = Frame.builder().column("i", b.build()).build();
    assertEquals(5, f.head().rowCount());
    assertEquals(0L, f.head().getLong(0, "i"));
    assertEquals(5, f.tail().rowCount());
    assertEquals(3L, f.tail().getLong(0, "i"));
  }

  @Test
  void concatAppendsFramesMergingStringDictionariesAndKeepingNulls() {
    Frame a = Frame.builder().strings("s", "x", null, "y").column("n", LongColumn.of(new long[] {1, 2, 3},
        new boolean[] {false, false, true})).build();
    Frame b = Frame.builder().strings("s", "z", "y", null, "x").longs("n", 4, 5, 6, 7).build();
    Frame c = Frame.concat(a, b, a.head(0));
    assertEquals(7, c.rowCount());
    assertEquals(Arrays.asList("x", null, "y", "z", "y", null, "x"), Arrays.asList(c.strings("s").toArray()));
    assertEquals(c.strings("s").code(0), c.strings("s").code(6));
    assertTrue(c.isNull(2, "n"));
    assertEquals(4L, c.getLong(3, "n"));
    assertEquals(a, c.head(3));
    assertEquals(b, c.tail(4));
    assertSame(a, Frame.concat(List.of(a)));
  }

  @Test
  void concatRejectsMismatchedSchemasAndNoFrames() {
    Frame a = Frame.builder().longs("n", 1).build();
    assertMessage(assertThrows(ValidationException.class, () -> Frame.concat(a, Frame.builder().doubles("n", 1)
        .build())), "frame 1", "DOUBLE", "LONG");
    Frame tagged = Frame.builder().column(Field.of("n", ColumnType.LONG).withTags("pii"), LongColumn.of(1)).build();
    assertThrows(ValidationException.class, () -> Frame.concat(a, tagged));
    assertThrows(ValidationException.class, () -> Frame.concat(List.of()));
  }

  @Test
  void concatOfFramesWithoutColumnsAddsTheirRowCounts() {
    Frame none = sample().select();
    assertEquals(4, none.rowCount());
    assertEquals(8, Frame.concat(none, none).rowCount());
  }

  @Test
  void iteratesOverRowsInOrder() {
    Frame f = sample();
    List<Long> ids = new ArrayList<>();
    for (Row r : f) {
      ids.add(r.getLong("id"));
      assertEquals(ids.size() - 1, r.index());
    }
    assertEquals(List.of(1L, 2L, 3L, 4L), ids);
    assertEquals(10L, f.rows().mapToLong(r -> r.getLong("id")).sum());
    Iterator<Row> it = f.iterator();
    for (int i = 0; i < 4; i++) {
      it.next();
    }
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void rowReadsEveryTypeAndPrintsItself() {
    Row r = sample().row(1);
    assertEquals(2L, r.get("id"));
    assertEquals(2L, r.get(0));
    assertTrue(Double.isNaN(r.getDouble("x")));
    assertEquals("b", r.getString("kind"));
    assertFalse(r.getBoolean("ok"));
    assertTrue(r.isNull("at"));
    assertNull(r.getInstant("at"));
    assertEquals("{id=2, x=NaN, kind=b, ok=false, at=<null>}", r.toString());
    assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> sample().row(4)),
        "row 4", "frame has 4 rows (0 to 3)", "rowCount()");
  }

  @Test
  void equalsComparesSchemaAndValuesWithNanEqualToNan() {
    assertEquals(sample(), sample());
    assertEquals(sample().hashCode(), sample().hashCode());
    Frame nan = Frame.builder().doubles("x", Double.NaN).build();
    Frame nul = Frame.builder().column("x", DoubleColumn.builder(1).addNull().build()).build();
    assertEquals(nan, Frame.builder().doubles("x", Double.NaN).build());
    assertNotEquals(nan, nul);
    assertNotEquals(nul, Frame.builder().doubles("x", 0).build());
    assertNotEquals(sample(), sample().rename("x", "y"));
    Frame tagged = Frame.builder().column(Field.of("x", ColumnType.DOUBLE).withTags("pii"), DoubleColumn.of(Double.NaN))
        .build();
    assertNotEquals(nan, tagged);
    assertNotEquals(sample().select(), sample().head(2).select());
    assertEquals(Frame.builder().strings("s", "a", "b").build(),
        Frame.builder().column("s", StringColumn.ofCodes(new int[] {0, 1}, List.of("a", "b", "c"))).build());
  }

  @Test
  void describeIsAFrameOfOneRowPerColumn() {
    Frame d = sample().describe();
    assertEquals(List.of("column", "type", "count", "nulls", "mean", "std", "min", "25%", "50%", "75%", "max",
        "unique", "top", "freq"), d.columnNames());
    assertEquals(5, d.rowCount());
    assertEquals(Set.of("id", "x", "kind", "ok", "at"), Set.copyOf(Arrays.asList(d.strings("column").toArray())));
  }
}
