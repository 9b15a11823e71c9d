package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImputeTest {

  @ParameterizedTest
  @ValueSource(strings = {"simple_imputer_mean_numeric", "simple_imputer_mean_numeric_add_indicator",
      "simple_imputer_median_numeric", "simple_imputer_median_numeric_add_indicator",
      "simple_imputer_most_frequent_numeric", "simple_imputer_most_frequent_numeric_add_indicator",
      "simple_imputer_constant_numeric", "simple_imputer_constant_numeric_add_indicator",
      "simple_imputer_constant_fill_value_numeric"})
  void numericCasesMatchScikitLearnBitForBitInOneBatchOrMany(String name) {
    Golden g = Golden.load(name);
    Impute t = StepCases.params(g, Impute.class);
    for (int rows : new int[] {g.fitInput().rowCount(), 7}) {
      FittedTransform ft = Golden.fit(t, g.fitInput(), rows);
      // statistics_ holds NaN where a column is dropped; ours holds null there
      double[] want = Golden.numbers(g.state().get("statistics_"));
      JsonNode ours = ft.state().get("statistics");
      double[] got = new double[ours.size()];
      for (int k = 0; k < got.length; k++) {
        got[k] = ours.get(k).isNull() ? Double.NaN : ours.get(k).doubleValue();
      }
      // the mean of several batches is a compensated sum of their pairwise sums: equal up to rounding noise
      double tol = rows == 7 && t.strategy() == Impute.Strategy.MEAN ? 1e-15 : 0;
      StepCases.assertSame(name + " statistics", new double[][] {want}, new double[][] {got}, tol);
      StepCases.assertOutputs(g, ft, tol);
      Golden.assertRoundTrip(t, ft, g.fitInput().schema(), g.fitInput());
      assertEquals(t.strategy() == Impute.Strategy.MOST_FREQUENT, ft.stateHoldsValues());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple_imputer_most_frequent_categorical", "simple_imputer_constant_categorical",
      "simple_imputer_constant_categorical_add_indicator"})
  void stringCasesMatchScikitLearn(String name) {
    Golden g = Golden.load(name);
    Impute t = StepCases.params(g, Impute.class);
    for (int rows : new int[] {g.fitInput().rowCount(), 7}) {
      FittedTransform ft = Golden.fit(t, g.fitInput(), rows);
      assertEquals(texts(g.state().get("statistics_")), texts(ft.state().get("statistics")));
      for (String which : List.of("fit_input", "unseen")) {
        Frame in = g.input(which);
        assertEquals(g.expectedNames(which), ft.outputs().stream().map(o -> o.name()).toList());
        assertRowsEqual(name + " " + which, g.transform(which).path("output").path("values"), ft.apply(in));
        Golden.assertRecordPathIdentical(ft, in);
      }
      Golden.assertRoundTrip(t, ft, g.fitInput().schema(), g.fitInput());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(v -> out.add(v.textValue()));
    return out;
  }

  /** Strings compare as strings, sklearn's booleans (indicators of string data) as our 0/1. */
  private static void assertRowsEqual(String what, JsonNode expected, List<Column> out) {
    assertEquals(expected.size(), out.get(0).size(), what + ": rows");
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < out.size(); c++) {
        JsonNode e = expected.get(r).get(c);
        Object a = out.get(c).get(r);
        Object want = e.isBoolean() ? (Object) (e.booleanValue() ? 1.0 : 0.0) : e.asText();
        assertEquals(want, a, what + " [" + r + "][" + c + "]");
      }
    }
  }

  @Test
  void meanOnAStringColumnIsAnErrorAsInScikitLearn() {
    Golden g = Golden.load("simple_imputer_mean_categorical_error");
    assertEquals("ValueError", g.fitError().get("class").asText());
    Impute t = StepCases.params(g, Impute.class);
    ValidationException e = assertThrows(ValidationException.class, () -> Golden.fit(t, g.fitInput()));
    assertTrue(e.getMessage().contains("strategy mean needs numeric columns but column 'color' is STRING")
        && e.getMessage().contains("most_frequent or constant"), e.getMessage());
    assertThrows(ValidationException.class, () -> Golden.fit(Impute.median(), g.fitInput()));
  }

  @Test
  void aColumnWithNoValueAtFitIsDroppedUnlessKeepEmptyButItsIndicatorStays() {
    Frame fit = Frame.of(Schema.of(Field.of("a", ColumnType.DOUBLE), Field.of("empty", ColumnType.DOUBLE),
            Field.of("s", ColumnType.STRING)),
        List.of(DoubleColumn.of(1, Double.NaN), DoubleColumn.of(new double[2], new boolean[] {true, true}),
            StringColumn.of((String) null, null)));
    FittedTransform dropped = Golden.fit(Impute.mostFrequent().withAddIndicator(true), fit);
    assertEquals(List.of("a", "missingindicator_a", "missingindicator_empty", "missingindicator_s"),
        dropped.outputs().stream().map(o -> o.name()).toList());
    FittedTransform kept = Golden.fit(Impute.mostFrequent().withKeepEmpty(true), fit);
    assertEquals(List.of("a", "empty", "s"), kept.outputs().stream().map(o -> o.name()).toList());
    assertEquals(Arrays.asList(1.0, 0.0, Impute.DEFAULT_STRING_FILL),
        Arrays.asList(((RecordTransform) kept).applyRecord(new Object[] {null, null, null})));
    Golden.assertRoundTrip(Impute.mostFrequent().withKeepEmpty(true), kept, fit.schema(), fit);
    Golden.assertRecordPathIdentical(dropped, fit);
  }

  @Test
  void tiesGoToTheSmallestNumberAndTheFirstStringInCodePointOrder() {
    // "\uFB01" (U+FB01) sorts before the emoji U+1F600 by code point, after it by UTF-16 unit (surrogate D83D)
    Frame fit = Frame.of(Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("s", ColumnType.STRING)),
        List.of(DoubleColumn.of(5, 3, 5, 3, 9, Double.NaN),
            StringColumn.of("\uD83D\uDE00", "\uFB01", "\uD83D\uDE00", "\uFB01", "b", null)));
    FittedTransform ft = Golden.fit(Impute.mostFrequent(), fit);
    assertEquals(Arrays.asList(3.0, "\uFB01"), Arrays.asList(((RecordTransform) ft).applyRecord(
        new Object[] {null, null})));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    Frame fit = Frame.builder().doubles("x", 4, 1, Double.NaN, 2, 10).build();
    FittedTransform ft = Golden.fit(Impute.median(), fit);
    assertEquals(3.0, ((RecordTransform) ft).applyRecord(new Object[] {null})[0]);
  }

  @Test
  void longColumnsAreImputedAsDoubles() {
    Frame fit = Frame.of(Schema.of(Field.of("n", ColumnType.LONG)),
        List.of(LongColumn.of(new long[] {1, 0, 4}, new boolean[] {false, true, false})));
    FittedTransform ft = Golden.fit(Impute.mean().withAddIndicator(true), fit);
    assertEquals(ColumnType.DOUBLE, ft.outputs().get(0).field().type());
    StepCases.assertSame("long", new double[][] {{1, 0}, {2.5, 1}, {4, 0}}, Golden.matrix(ft.apply(fit)), 0);
    Golden.assertRecordPathIdentical(ft, fit);
    StepCases.assertMatrixPathSame(ft, fit);
  }

  @Test
  void outputsKeepTagsAndIndicatorsDeriveFromTheirColumn() {
    Frame fit = Frame.of(Schema.of(Field.of("email", ColumnType.STRING).withTags(Field.PII)),
        List.of(StringColumn.of("a@x", null)));
    FittedTransform ft = Golden.fit(Impute.constant("?").withAddIndicator(true), fit);
    assertTrue(ft.outputs().get(0).field().isPii());
    assertEquals(List.of("email"), ft.outputs().get(1).from());
    assertFalse(ft.stateHoldsValues(), "a constant is not a value of the data");
    assertTrue(Golden.fit(Impute.mostFrequent(), fit).stateHoldsValues());
    assertThrows(IllegalStateException.class,
        () -> ((MatrixWriter) ft).writeTo(fit, new double[4], 0, 2, new int[] {0, 1}));
  }

  @Test
  void fillValuesAreCheckedAgainstStrategyAndColumnTypes() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new Impute(Impute.Strategy.MEAN, 1.0, false, false));
    assertTrue(e.getMessage().contains("only used by strategy constant, not mean"), e.getMessage());
    assertThrows(ValidationException.class, () -> new Impute(Impute.Strategy.CONSTANT, true, false, false));
    assertThrows(ValidationException.class, () -> Impute.constant(Double.NaN));
    Schema strings = Schema.of(Field.of("city", ColumnType.STRING));
    e = assertThrows(ValidationException.class, () -> Impute.constant(-1).fitter(new StepContext("imp", strings)));
    assertTrue(e.getMessage().contains("'city' is STRING") && e.getMessage().contains("string fillValue"),
        e.getMessage());
    Schema numbers = Schema.of(Field.of("age", ColumnType.LONG));
    e = assertThrows(ValidationException.class, () -> Impute.constant("x").fitter(new StepContext("imp", numbers)));
    assertTrue(e.getMessage().contains("'age' is LONG"), e.getMessage());
  }

  @Test
  void otherColumnTypesAreRefusedNamingColumnExpectedAndFound() {
    Schema s = Schema.of(Field.of("ok", ColumnType.BOOLEAN));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Impute.mostFrequent().fitter(new StepContext("imp", s)));
    assertTrue(e.getMessage().contains("'ok' is BOOLEAN") && e.getMessage().contains("DOUBLE or LONG or STRING"),
        e.getMessage());
  }

  @Test
  void infinityIsAnErrorNamingColumnAndRow() {
    Frame fit = Frame.builder().doubles("x", 1, Double.NaN, Double.POSITIVE_INFINITY).build();
    ValidationException e = assertThrows(ValidationException.class, () -> Golden.fit(Impute.median(), fit));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("row 2"), e.getMessage());
  }

  @Test
  void specsUseLowerCaseSnakeStrategiesAndDefaults() {
    assertEquals(Impute.mean(), Json.parse("{}", Impute.class));
    assertEquals(Impute.mostFrequent().withAddIndicator(true),
        Json.parse("{\"strategy\": \"most_frequent\", \"addIndicator\": true}", Impute.class));
    assertEquals(Impute.constant(-1), Json.parse("{\"strategy\": \"constant\", \"fillValue\": -1}", Impute.class));
    assertEquals(Impute.constant("n/a"),
        Json.parse("{\"strategy\": \"constant\", \"fillValue\": \"n/a\"}", Impute.class));
    assertEquals("most_frequent", Json.toTree(Impute.mostFrequent()).get("strategy").asText());
    assertThrows(RuntimeException.class, () -> Json.parse("{\"strategy\": \"MOST_FREQUENT\"}", Impute.class));
    assertThrows(RuntimeException.class,
        () -> Json.parse("{\"strategy\": \"constant\", \"fillValue\": true}", Impute.class));
    assertEquals("mlops.impute@1", Impute.mean().type().qualifiedId());
  }

  @Test
  void theStepsOfThisPackageAreRegisteredForServiceLoader() {
    List<String> ids = new java.util.ArrayList<>();
    for (dev.mlops.preprocessing.TransformType<?> type
        : java.util.ServiceLoader.load(dev.mlops.preprocessing.TransformType.class)) {
      ids.add(type.id());
    }
    assertTrue(ids.containsAll(List.of("mlops.impute", "mlops.standard_scale", "mlops.min_max_scale",
        "mlops.max_abs_scale", "mlops.robust_scale")), ids.toString());
  }

  @Test
  void restoreChecksTheState() {
    Frame fit = Frame.builder().doubles("x", 1, Double.NaN).strings("s", "a", null).build();
    FittedTransform ft = Golden.fit(Impute.mostFrequent(), fit);
    StepContext context = new StepContext("imp", fit.schema());
    ObjectNode wrongKind = (ObjectNode) ft.state();
    ((ArrayNode) wrongKind.get("statistics")).set(1, 3.0);
    ValidationException e = assertThrows(ValidationException.class,
        () -> Impute.mostFrequent().type().restore(Impute.mostFrequent(), context, wrongKind, 1));
    assertTrue(e.getMessage().contains("statistics[1] (column 's')") && e.getMessage().contains("string"),
        e.getMessage());
    ObjectNode shorter = (ObjectNode) ft.state();
    ((ArrayNode) shorter.get("missingAtFit")).remove(0);
    assertThrows(ValidationException.class,
        () -> Impute.mostFrequent().type().restore(Impute.mostFrequent(), context, shorter, 1));
    ObjectNode dropped = (ObjectNode) ft.state();
    ((ArrayNode) dropped.get("statistics")).setNull(0);
    assertThrows(ValidationException.class,
        () -> Impute.constant().type().restore(Impute.constant(), context, dropped, 1));
  }
}
