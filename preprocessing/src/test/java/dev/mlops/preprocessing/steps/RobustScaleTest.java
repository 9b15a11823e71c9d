package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobustScaleTest {
  private static final Map<String, String> KEYS = Map.of("center", "center_", "scale", "scale_");

  @ParameterizedTest
  @ValueSource(strings = {"robust_scaler_iris", "robust_scaler_breast_cancer", "robust_scaler_synthetic",
      "robust_scaler_quantile_range_10_90_iris", "robust_scaler_quantile_range_10_90_breast_cancer",
      "robust_scaler_quantile_range_10_90_synthetic"})
  void matchesScikitLearnBitForBitInOneBatchOrMany(String name) {
    StepCases.assertScalerGolden(name, RobustScale.class, KEYS);
  }

  @Test
  void centeringAndScalingCanBeTurnedOff() {
    Frame fit = Frame.builder().doubles("x", 1, 2, 3, 4, 100).build();
    FittedTransform both = Golden.fit(RobustScale.of(), fit);
    FittedTransform center = Golden.fit(RobustScale.of().withScaling(false), fit);
    FittedTransform scale = Golden.fit(RobustScale.of().withCentering(false), fit);
    // median 3, quartiles 2 and 4: scale 2
    StepCases.assertSame("both", new double[][] {{-1}, {-0.5}, {0}, {0.5}, {48.5}}, Golden.matrix(both.apply(fit)), 0);
    StepCases.assertSame("center", new double[][] {{-2}, {-1}, {0}, {1}, {97}}, Golden.matrix(center.apply(fit)), 0);
    StepCases.assertSame("scale", new double[][] {{0.5}, {1}, {1.5}, {2}, {50}}, Golden.matrix(scale.apply(fit)), 0);
    Golden.assertRoundTrip(RobustScale.of().withCentering(false), scale, fit.schema(), fit);
  }

  @Test
  void badQuantileRangesAreRefused() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> RobustScale.of().withQuantileRange(75, 25));
    assertTrue(e.getMessage().contains("quantileRange [75.0, 25.0]") && e.getMessage().contains("0 <= low < high"),
        e.getMessage());
    assertThrows(ValidationException.class, () -> RobustScale.of().withQuantileRange(-1, 50));
    assertThrows(ValidationException.class, () -> RobustScale.of().withQuantileRange(50, 101));
  }

  @Test
  void specDefaults() {
    assertEquals(RobustScale.of(), Json.parse("{}", RobustScale.class));
    assertEquals(RobustScale.of().withQuantileRange(10, 90).withCentering(false),
        Json.parse("{\"quantileRange\": [10, 90], \"withCentering\": false}", RobustScale.class));
    assertEquals("mlops.robust_scale@1", RobustScale.of().type().qualifiedId());
  }

  @Test
  void aStringColumnIsRefused() {
    ValidationException e = assertThrows(ValidationException.class, () -> RobustScale.of()
        .fitter(new StepContext("rs", Schema.of(Field.of("city", ColumnType.STRING)))));
    assertTrue(e.getMessage().contains("'city' is STRING"), e.getMessage());
  }
}
