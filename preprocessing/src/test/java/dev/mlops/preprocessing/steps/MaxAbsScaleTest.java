package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxAbsScaleTest {
  private static final Map<String, String> KEYS = Map.of("maxAbs", "max_abs_", "scale", "scale_");

  @ParameterizedTest
  @ValueSource(strings = {"max_abs_scaler_iris", "max_abs_scaler_breast_cancer", "max_abs_scaler_synthetic"})
  void matchesScikitLearnBitForBitInOneBatchOrMany(String name) {
    StepCases.assertScalerGolden(name, MaxAbsScale.class, KEYS);
  }

  @Test
  void negativeValuesCountByMagnitudeAndAllZerosGetScaleOne() {
    Frame fit = Frame.of(Schema.of(Field.of("a", ColumnType.DOUBLE), Field.of("z", ColumnType.LONG)),
        List.of(DoubleColumn.of(-4, 2), LongColumn.of(0, 0)));
    FittedTransform ft = Golden.fit(MaxAbsScale.of(), fit);
    StepCases.assertSame("out", new double[][] {{-1, 0}, {0.5, 0}}, Golden.matrix(ft.apply(fit)), 0);
    assertEquals(1.0, StateJson.doubles(ft.state(), "scale", "s")[1]);
  }

  @Test
  void fittedOnNoBatchAtAllEveryOutputIsMissing() {
    Frame in = Frame.builder().doubles("x", 1, -2).build();
    FittedTransform ft = MaxAbsScale.of().fitter(new StepContext("ma", in.schema())).finish();
    StepCases.assertSame("no data", new double[][] {{Double.NaN}, {Double.NaN}}, Golden.matrix(ft.apply(in)), 0);
    Golden.assertRoundTrip(MaxAbsScale.of(), ft, in.schema(), in);
    Golden.assertRecordPathIdentical(ft, in);
  }

  @Test
  void specHasNoParameters() {
    assertEquals(MaxAbsScale.of(), Json.parse("{}", MaxAbsScale.class));
    assertEquals("{}", Json.toCanonicalJson(Json.toTree(MaxAbsScale.of())));
    assertThrows(RuntimeException.class, () -> Json.parse("{\"copy\": true}", MaxAbsScale.class));
    assertEquals("mlops.max_abs_scale@1", MaxAbsScale.of().type().qualifiedId());
  }

  @Test
  void aStringColumnIsRefused() {
    ValidationException e = assertThrows(ValidationException.class, () -> MaxAbsScale.of()
        .fitter(new StepContext("ma", Schema.of(Field.of("city", ColumnType.STRING)))));
    assertTrue(e.getMessage().contains("'city' is STRING"), e.getMessage());
  }

  @Test
  void restoreRefusesAScaleThatDoesNotFollowFromMaxAbs() {
    Frame fit = Frame.builder().doubles("x", -3, 1).build();
    ObjectNode state = (ObjectNode) Golden.fit(MaxAbsScale.of(), fit).state();
    StateJson.putDoubles(state, "scale", new double[] {2});
    assertThrows(ValidationException.class,
        () -> MaxAbsScale.of().type().restore(MaxAbsScale.of(), new StepContext("ma", fit.schema()), state, 1));
  }
}
