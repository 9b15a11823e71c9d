package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MinMaxScaleTest {
  private static final Map<String, String> KEYS =
      Map.of("dataMin", "data_min_", "dataMax", "data_max_", "scale", "scale_", "min", "min_");

  @ParameterizedTest
  @ValueSource(strings = {"min_max_scaler_iris", "min_max_scaler_breast_cancer", "min_max_scaler_synthetic",
      "min_max_scaler_range_minus1_1_iris", "min_max_scaler_range_minus1_1_breast_cancer",
      "min_max_scaler_range_minus1_1_synthetic"})
  void matchesScikitLearnBitForBitInOneBatchOrMany(String name) {
    StepCases.assertScalerGolden(name, MinMaxScale.class, KEYS);
  }

  @Test
  void unseenValuesFallOutsideTheRangeUnlessClipped() {
    Frame fit = Frame.builder().doubles("x", 0, 10).build();
    Frame unseen = Frame.builder().doubles("x", -5, 5, 20).build();
    FittedTransform plain = Golden.fit(MinMaxScale.of(), fit);
    StepCases.assertSame("plain", new double[][] {{-0.5}, {0.5}, {2.0}}, Golden.matrix(plain.apply(unseen)), 0);
    FittedTransform clipped = Golden.fit(MinMaxScale.of().withFeatureRange(-1, 1).withClip(true), fit);
    StepCases.assertSame("clipped", new double[][] {{-1}, {0}, {1}}, Golden.matrix(clipped.apply(unseen)), 0);
    Golden.assertRecordPathIdentical(clipped, unseen);
    StepCases.assertMatrixPathSame(clipped, unseen);
    Golden.assertRoundTrip(MinMaxScale.of().withFeatureRange(-1, 1).withClip(true), clipped, fit.schema(), unseen);
  }

  @Test
  void aConstantColumnMapsToTheRangeMinimum() {
    Frame fit = Frame.builder().doubles("c", 7.5, 7.5).build();
    FittedTransform ft = Golden.fit(MinMaxScale.of().withFeatureRange(2, 4), fit);
    assertEquals(2.0, Golden.matrix(ft.apply(fit))[0][0]);
  }

  @Test
  void badRangesAreRefusedNamingTheParameter() {
    ValidationException e = assertThrows(ValidationException.class, () -> MinMaxScale.of().withFeatureRange(1, 0));
    assertTrue(e.getMessage().contains("featureRange [1.0, 0.0]") && e.getMessage().contains("min < max"),
        e.getMessage());
    assertThrows(ValidationException.class, () -> new MinMaxScale(List.of(0.0), false));
    assertThrows(ValidationException.class, () -> MinMaxScale.of().withFeatureRange(0, Double.POSITIVE_INFINITY));
    assertThrows(RuntimeException.class, () -> Json.parse("{\"featureRange\": [1, 2, 3]}", MinMaxScale.class));
  }

  @Test
  void specDefaults() {
    assertEquals(MinMaxScale.of(), Json.parse("{}", MinMaxScale.class));
    assertEquals(MinMaxScale.of().withFeatureRange(-1, 1).withClip(true),
        Json.parse("{\"featureRange\": [-1, 1], \"clip\": true}", MinMaxScale.class));
    assertEquals("mlops.min_max_scale@1", MinMaxScale.of().type().qualifiedId());
  }

  @Test
  void aStringColumnIsRefusedAndARecordOfTheWrongTypeToo() {
    Schema s = Schema.of(Field.of("city", ColumnType.STRING));
    ValidationException e = assertThrows(ValidationException.class,
        () -> MinMaxScale.of().fitter(new StepContext("mm", s)));
    assertTrue(e.getMessage().contains("'city' is STRING") && e.getMessage().contains("DOUBLE or LONG"),
        e.getMessage());
    FittedTransform ft = Golden.fit(MinMaxScale.of(), Frame.builder().doubles("x", 1, 2).build());
    e = assertThrows(ValidationException.class, () -> ((RecordTransform) ft).applyRecord(new Object[] {"3"}));
    assertTrue(e.getMessage().contains("'x' is DOUBLE") && e.getMessage().contains("String"), e.getMessage());
  }

  @Test
  void restoreRefusesStateThatDoesNotFollowFromTheDataRange() {
    Frame fit = Frame.builder().doubles("x", 0, 10).build();
    ObjectNode state = (ObjectNode) Golden.fit(MinMaxScale.of(), fit).state();
    StateJson.putDoubles(state, "scale", new double[] {0.2});
    ValidationException e = assertThrows(ValidationException.class,
        () -> MinMaxScale.of().type().restore(MinMaxScale.of(), new StepContext("mm", fit.schema()), state, 1));
    assertTrue(e.getMessage().contains("do not follow"), e.getMessage());
    StateJson.putDoubles(state, "dataMin", new double[] {11});
    assertThrows(ValidationException.class,
        () -> MinMaxScale.of().type().restore(MinMaxScale.of(), new StepContext("mm", fit.schema()), state, 1));
  }
}
