package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ColumnStepsTest {

  private static Frame mixed() {
    Schema s = Schema.of(Field.of("id", ColumnType.LONG), Field.of("email", ColumnType.STRING).withTags(Field.PII),
        Field.of("score", ColumnType.DOUBLE), Field.of("ok", ColumnType.BOOLEAN));
    return Frame.of(s, List.of(LongColumn.of(1, 2, 3), StringColumn.of("a@x", null, "c@x"),
        DoubleColumn.of(new double[] {0.5, 0, Double.NaN}, new boolean[] {false, true, false}),
        BooleanColumn.of(true, false, true)));
  }

  private static FittedTransform fitted(dev.mlops.preprocessing.Transform t, Frame f) {
    assertFalse(t.needsData(), t + " needs no data");
    FittedTransform ft = NumericCases.fitWithoutData(t, f);
    Golden.assertRecordPathIdentical(ft, f);
    Golden.assertRoundTrip(t, ft, f.schema(), f);
    assertFalse(ft.stateHoldsValues());
    return ft;
  }

  @Test
  void selectKeepsItsInputsUnchanged() {
    Frame f = mixed();
    FittedTransform ft = fitted(Select.of(), f);
    assertEquals(f.schema().fields(), ft.outputs().stream().map(o -> o.field()).toList());
    assertEquals(List.of("email"), ft.outputs().get(1).from());
    assertEquals(f.columns(), ft.apply(f));
  }

  @Test
  void dropHasNoOutput() {
    Frame f = mixed();
    FittedTransform ft = fitted(Drop.of(), f);
    assertEquals(List.of(), ft.outputs());
    assertEquals(List.of(), ft.apply(f));
    assertEquals(0, ((RecordTransform) ft).applyRecord(new Object[] {1L, "a", 1.0, true}).length);
    assertEquals(new Drop(), Json.parse("{}", Drop.class));
  }

  @Test
  void renameMapsOldToNewKeepingTypesTagsAndOthers() {
    Frame f = mixed();
    FittedTransform ft = fitted(Rename.of("email", "contact").with("ok", "valid"), f);
    assertEquals(List.of("id", "contact", "score", "valid"), NumericCases.names(ft));
    assertTrue(ft.outputs().get(1).field().hasTag(Field.PII));
    assertEquals(ColumnType.STRING, ft.outputs().get(1).field().type());
    assertEquals(List.of("email"), ft.outputs().get(1).from());
    assertEquals(f.columns(), ft.apply(f));
  }

  @Test
  void renameRejectsUnknownColumnsDuplicateTargetsAndClashes() {
    Frame f = mixed();
    ValidationException unknown = assertThrows(ValidationException.class,
        () -> Rename.of("nope", "x").fitter(new StepContext("r", f.schema())));
    assertTrue(unknown.getMessage().contains("column 'nope' is not among the step's input columns"),
        unknown.getMessage());
    ValidationException twice = assertThrows(ValidationException.class,
        () -> Rename.of("id", "x").with("score", "x"));
    assertTrue(twice.getMessage().contains("two columns are renamed to 'x'"), twice.getMessage());
    ValidationException clash = assertThrows(ValidationException.class,
        () -> Rename.of("id", "score").fitter(new StepContext("r", f.schema())));
    assertTrue(clash.getMessage().contains("two columns named 'score'"), clash.getMessage());
    assertThrows(ValidationException.class, () -> Rename.of(Map.of()));
    assertThrows(ValidationException.class, () -> Rename.of("id", " "));
    assertEquals(Rename.of("a", "b"), Json.parse("{\"mapping\": {\"a\": \"b\"}}", Rename.class));
  }

  @Test
  void castStringsToDoubleParsesEachDistinctValueOnce() {
    Frame f = Frame.of(Schema.of(Field.of("s", ColumnType.STRING)),
        List.of(StringColumn.of(" 1.5", "-2e3", null, "inf", "nan", "1.5", "7")));
    FittedTransform ft = fitted(Cast.to(Cast.To.DOUBLE), f);
    assertEquals(ColumnType.DOUBLE, ft.outputs().get(0).field().type());
    Column out = ft.apply(f).get(0);
    assertEquals(Arrays.asList(1.5, -2000.0, null, Double.POSITIVE_INFINITY, null, 1.5, 7.0),
        Arrays.asList(((DoubleColumn) out).get(0), out.get(1), out.get(2), out.get(3), out.get(4), out.get(5),
            out.get(6)));
  }

  @Test
  void castUnparseableIsAnErrorNamingColumnRowAndValueOrNullUnderNullPolicy() {
    Frame f = Frame.of(Schema.of(Field.of("n", ColumnType.STRING)), List.of(StringColumn.of("1", "one", "3")));
    FittedTransform strict = NumericCases.fitWithoutData(Cast.to(Cast.To.LONG), f);
    ValidationException e = assertThrows(ValidationException.class, () -> strict.apply(f));
    assertTrue(e.getMessage().contains("column 'n' row 1: value 'one' does not convert to LONG"), e.getMessage());
    assertTrue(e.getMessage().contains("unparseable to \"null\""), e.getMessage());
    FittedTransform lenient = fitted(Cast.to(Cast.To.LONG).withUnparseable(Cast.Unparseable.NULL), f);
    assertEquals(Arrays.asList(1L, null, 3L), Arrays.asList(((LongColumn) lenient.apply(f).get(0)).get(0),
        lenient.apply(f).get(0).get(1), lenient.apply(f).get(0).get(2)));
  }

  @Test
  void castNeverShowsAPiiValue() {
    Frame f = Frame.of(Schema.of(Field.of("ssn", ColumnType.STRING).withTags(Field.PII)),
        List.of(StringColumn.of("123-45-6789")));
    FittedTransform ft = NumericCases.fitWithoutData(Cast.to(Cast.To.LONG), f);
    ValidationException e = assertThrows(ValidationException.class, () -> ft.apply(f));
    assertFalse(e.getMessage().contains("123"), e.getMessage());
    assertTrue(e.getMessage().contains("a value does not convert"), e.getMessage());
  }

  @Test
  void castBetweenNumbersBooleansAndStrings() {
    Frame f = mixed().select("id", "score", "ok");
    FittedTransform toString = fitted(Cast.to(Cast.To.STRING), f);
    List<Column> s = toString.apply(f);
    assertEquals(Arrays.asList("1", "0.5", "true"), Arrays.asList(s.get(0).get(0), s.get(1).get(0), s.get(2).get(0)));
    assertNull(s.get(1).get(1));
    assertNull(s.get(1).get(2), "a NaN value is missing");
    FittedTransform toDouble = fitted(Cast.to(Cast.To.DOUBLE), f);
    assertArrayEquals(new double[] {2, Double.NaN, 0}, Golden.matrix(toDouble.apply(f))[1]);
    Frame nums = Frame.builder().doubles("x", 1, 0, 2.5).longs("y", 1, 0, 7).build();
    FittedTransform toBool = NumericCases.fitWithoutData(Cast.to(Cast.To.BOOLEAN)
        .withUnparseable(Cast.Unparseable.NULL), nums);
    Golden.assertRecordPathIdentical(toBool, nums);
    List<Column> b = toBool.apply(nums);
    assertEquals(Arrays.asList(true, false, null), Arrays.asList(b.get(0).get(0), b.get(0).get(1), b.get(0).get(2)));
    assertEquals(Arrays.asList(true, false, null), Arrays.asList(b.get(1).get(0), b.get(1).get(1), b.get(1).get(2)));
    FittedTransform toLong = NumericCases.fitWithoutData(Cast.to(Cast.To.LONG), nums.select("x"));
    ValidationException e = assertThrows(ValidationException.class, () -> toLong.apply(nums.select("x")));
    assertTrue(e.getMessage().contains("row 2: value 2.5"), e.getMessage());
  }

  @Test
  void castToTheSameTypeKeepsValuesAsTheyAre() {
    Frame f = mixed();
    FittedTransform ft = fitted(Cast.to(Cast.To.STRING), Frame.builder().strings("s", " padded ", "x").build());
    assertEquals(" padded ", ft.apply(Frame.builder().strings("s", " padded ").build()).get(0).get(0));
    assertEquals(f.column("id"), fitted(Cast.to(Cast.To.LONG), f.select("id")).apply(f.select("id")).get(0));
  }

  @Test
  void castTimestampOnlyToString() {
    Frame f = Frame.of(Schema.of(Field.of("t", ColumnType.TIMESTAMP)),
        List.of(TimestampColumn.of(Instant.parse("2026-12-01T10:15:30Z"))));
    assertEquals("2026-12-01T10:15:30Z", fitted(Cast.to(Cast.To.STRING), f).apply(f).get(0).get(0));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Cast.to(Cast.To.DOUBLE).fitter(new StepContext("c", f.schema())));
    assertTrue(e.getMessage().contains("column 't' is TIMESTAMP") && e.getMessage().contains("date_parts"),
        e.getMessage());
  }

  @Test
  void castParametersBindFromJsonAndToIsRequired() {
    assertEquals(Cast.to(Cast.To.BOOLEAN).withUnparseable(Cast.Unparseable.NULL),
        Json.parse("{\"to\": \"boolean\", \"unparseable\": \"null\"}", Cast.class));
    ValidationException e = assertThrows(ValidationException.class, () -> new Cast(null, null));
    assertTrue(e.getMessage().contains("'to' is missing"), e.getMessage());
  }

  @Test
  void everyStepOfThisPackageIsRegisteredUnderItsId() {
    @SuppressWarnings("unchecked")
    Class<TransformType<?>> type = (Class<TransformType<?>>) (Class<?>) TransformType.class;
    Set<String> ids = ServiceLoader.load(type).stream().map(p -> p.get().id()).collect(Collectors.toSet());
    for (String id : List.of("mlops.bin", "mlops.log1p", "mlops.power_transform", "mlops.select", "mlops.drop",
        "mlops.rename", "mlops.cast", "mlops.date_parts", "mlops.expression")) {
      assertTrue(ids.contains(id), id + " registered");
    }
    assertSame(SelectType.INSTANCE, Select.of().type());
  }
}
