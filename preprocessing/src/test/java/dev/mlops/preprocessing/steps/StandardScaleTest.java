package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardScaleTest {
  private static final Map<String, String> KEYS =
      Map.of("mean", "mean_", "var", "var_", "scale", "scale_", "count", "n_samples_seen_");

  @ParameterizedTest
  @ValueSource(strings = {"standard_scaler_iris", "standard_scaler_breast_cancer", "standard_scaler_synthetic",
      "standard_scaler_with_mean_false_iris", "standard_scaler_with_mean_false_breast_cancer",
      "standard_scaler_with_mean_false_synthetic", "standard_scaler_with_std_false_iris",
      "standard_scaler_with_std_false_breast_cancer", "standard_scaler_with_std_false_synthetic"})
  void matchesScikitLearnBitForBitOnOneBatch(String name) {
    Golden g = Golden.load(name);
    StandardScale t = StepCases.params(g, StandardScale.class);
    FittedTransform ft = Golden.fit(t, g.fitInput());
    StepCases.assertState(g, ft, KEYS, 0);
    StepCases.assertOutputs(g, ft, 0);
    Golden.assertRoundTrip(t, ft, g.fitInput().schema(), g.fitInput());
    assertFalse(ft.stateHoldsValues(), "means and variances are aggregates");
  }

  @ParameterizedTest
  @ValueSource(strings = {"standard_scaler_breast_cancer", "standard_scaler_synthetic",
      "standard_scaler_with_mean_false_synthetic", "standard_scaler_with_std_false_synthetic"})
  void transformsWithScikitLearnsStateBitForBit(String name) {
    Golden g = Golden.load(name);
    StandardScale t = StepCases.params(g, StandardScale.class);
    var state = StepCases.stateFromGolden(g, Map.of("mean", "mean_", "count", "n_samples_seen_"));
    double[] scale = g.state().get("scale_").isNull() ? ones(g) : Golden.numbers(g.state().get("scale_"));
    double[] var = g.state().get("var_").isNull() ? ones(g) : Golden.numbers(g.state().get("var_"));
    StateJson.putDoubles(state, "scale", scale);
    StateJson.putDoubles(state, "var", var);
    StepCases.assertOutputs(g, StepCases.restore(t, g, state), 0);
  }

  private static double[] ones(Golden g) {
    double[] d = new double[g.state().get("n_features_in_").asInt()];
    java.util.Arrays.fill(d, 1);
    return d;
  }

  @ParameterizedTest
  @ValueSource(strings = {"standard_scaler_breast_cancer", "standard_scaler_synthetic", "standard_scaler_iris"})
  void batchesOfSevenRowsAgreeWithScikitLearnToRoundingNoise(String name) {
    Golden g = Golden.load(name);
    StandardScale t = StepCases.params(g, StandardScale.class);
    FittedTransform ft = Golden.fit(t, g.fitInput(), 7);
    StepCases.assertState(g, ft, KEYS, 1e-13);
    StepCases.assertOutputs(g, ft, 1e-12);
  }

  @Test
  void manyBatchesOfLargeOffsetDataStayAccurate() {
    // values around 1e9 with unit spread: a naive sum of squares loses every digit of the variance
    Random rnd = new Random(42);
    int n = 10_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1e9 + rnd.nextGaussian();
    }
    Frame f = Frame.builder().doubles("x", x).build();
    double[] one = StateJson.doubles(Golden.fit(StandardScale.of(), f).state(), "var", "one");
    double[] many = StateJson.doubles(Golden.fit(StandardScale.of(), f, 7).state(), "var", "many");
    assertEquals(one[0], many[0], 1e-12 * one[0]);
    assertEquals(1.0, one[0], 0.05);
  }

  @Test
  void longColumnsScaleAsTheirDoubleValues() {
    Frame longs = Frame.of(Schema.of(Field.of("n", ColumnType.LONG)),
        List.of(LongColumn.of(new long[] {1, 5, 0, 9}, new boolean[] {false, false, true, false})));
    Frame doubles = Frame.of(Schema.of(Field.of("n", ColumnType.DOUBLE)),
        List.of(DoubleColumn.of(new double[] {1, 5, 0, 9}, new boolean[] {false, false, true, false})));
    FittedTransform a = Golden.fit(StandardScale.of(), longs);
    FittedTransform b = Golden.fit(StandardScale.of(), doubles);
    assertEquals(ColumnType.DOUBLE, a.outputs().get(0).field().type());
    StepCases.assertSame("long vs double", Golden.matrix(b.apply(doubles)), Golden.matrix(a.apply(longs)), 0);
    Golden.assertRecordPathIdentical(a, longs);
    StepCases.assertMatrixPathSame(a, longs);
  }

  @Test
  void outputsKeepNameAndTagsAndDeriveFromTheirInput() {
    Frame f = Frame.of(Schema.of(Field.of("salary", ColumnType.DOUBLE).withTags(Field.PII)),
        List.of(DoubleColumn.of(1, 2, 3)));
    FittedTransform ft = Golden.fit(StandardScale.of(), f);
    assertEquals("salary", ft.outputs().get(0).name());
    assertTrue(ft.outputs().get(0).field().isPii());
    assertEquals(List.of("salary"), ft.outputs().get(0).from());
  }

  @Test
  void aStringColumnIsRefusedNamingColumnExpectedAndFound() {
    Schema s = Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("city", ColumnType.STRING));
    ValidationException e = assertThrows(ValidationException.class,
        () -> StandardScale.of().fitter(new StepContext("std", s)));
    assertTrue(e.getMessage().contains("'city'") && e.getMessage().contains("STRING")
        && e.getMessage().contains("DOUBLE or LONG"), e.getMessage());
  }

  @Test
  void aColumnOfAnotherTypeAtTransformIsRefused() {
    Frame fit = Frame.builder().doubles("x", 1, 2).build();
    FittedTransform ft = Golden.fit(StandardScale.of(), fit);
    Frame bad = Frame.of(Schema.of(Field.of("x", ColumnType.STRING)), List.of(StringColumn.of("1", "2")));
    ValidationException e = assertThrows(ValidationException.class, () -> ft.apply(bad));
    assertTrue(e.getMessage().contains("'x' is STRING in the data but DOUBLE"), e.getMessage());
  }

  @Test
  void infinityIsAnErrorAtFitAndTransformNamingColumnAndRowButNotAPiiValue() {
    Frame fit = Frame.builder().doubles("x", 1, 2, Double.POSITIVE_INFINITY).build();
    ValidationException e = assertThrows(ValidationException.class, () -> Golden.fit(StandardScale.of(), fit, 2));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("row 2")
        && e.getMessage().contains("Infinity"), e.getMessage());
    Frame pii = Frame.of(Schema.of(Field.of("s", ColumnType.DOUBLE).withTags(Field.PII)),
        List.of(DoubleColumn.of(1, Double.NEGATIVE_INFINITY)));
    FittedTransform ft = Golden.fit(StandardScale.of(), Frame.of(pii.schema(), List.of(DoubleColumn.of(1, 2))));
    e = assertThrows(ValidationException.class, () -> ft.apply(pii));
    assertTrue(e.getMessage().contains("an infinite value") && !e.getMessage().contains("Infinity"), e.getMessage());
    assertThrows(ValidationException.class,
        () -> ((dev.mlops.preprocessing.RecordTransform) ft).applyRecord(new Object[] {Double.NEGATIVE_INFINITY}));
  }

  @Test
  void specDefaultsAndLowerCaseJson() {
    assertEquals(StandardScale.of(), Json.parse("{}", StandardScale.class));
    assertEquals(StandardScale.of().withMean(false), Json.parse("{\"withMean\": false}", StandardScale.class));
    assertThrows(RuntimeException.class, () -> Json.parse("{\"with_mean\": false}", StandardScale.class));
    assertEquals("mlops.standard_scale@1", StandardScale.of().type().qualifiedId());
  }

  @Test
  void restoreRefusesAStateOfTheWrongLength() {
    Frame f = Frame.builder().doubles("a", 1, 2).doubles("b", 3, 5).build();
    FittedTransform ft = Golden.fit(StandardScale.of(), f);
    var state = (com.fasterxml.jackson.databind.node.ObjectNode) ft.state();
    StateJson.putDoubles(state, "mean", new double[] {1});
    ValidationException e = assertThrows(ValidationException.class, () -> StandardScale.of().type()
        .restore(StandardScale.of(), new StepContext("s", f.schema()), state, 1));
    assertTrue(e.getMessage().contains("mean") && e.getMessage().contains("1 values for 2 columns"), e.getMessage());
    StateJson.putDoubles(state, "mean", new double[] {1, 2});
    StateJson.putDoubles(state, "scale", new double[] {1, 0});
    assertThrows(ValidationException.class, () -> StandardScale.of().type()
        .restore(StandardScale.of(), new StepContext("s", f.schema()), state, 1));
  }
}
