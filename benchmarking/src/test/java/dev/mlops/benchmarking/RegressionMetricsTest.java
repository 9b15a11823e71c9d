package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.MetricsGolden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionMetricsTest {

  static Stream<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    MetricsGolden.ROOT.get("regression").forEach(out::add);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearn(JsonNode c) {
    String name = c.get("case").asText();
    RegressionMetrics m = RegressionMetrics.of(MetricsGolden.doubles(c.get("y_true")),
        Predictions.values(MetricsGolden.doubles(c.get("y_pred"))));
    JsonNode e = c.get("expected");
    for (String key : List.of("mae", "rmse", "r2", "mape")) {
      close(e.get(key), m.values().get(key), name + " " + key);
    }
  }

  @Test
  void constantTargetFollowsForceFinite() {
    RegressionMetrics perfect = RegressionMetrics.of(new double[] {3, 3}, Predictions.values(new double[] {3, 3}));
    assertEquals(1.0, perfect.r2());
    RegressionMetrics off = RegressionMetrics.of(new double[] {3, 3}, Predictions.values(new double[] {3, 4}));
    assertEquals(0.0, off.r2());
    assertTrue(off.notes().get(0).contains("constant"), off.notes().toString());
    RegressionMetrics one = RegressionMetrics.of(new double[] {3}, Predictions.values(new double[] {4}));
    assertTrue(Double.isNaN(one.r2()));
  }

  @Test
  void badInputsAreClearErrors() {
    ValidationException len = assertThrows(ValidationException.class,
        () -> RegressionMetrics.of(new double[] {1, 2}, Predictions.values(new double[] {1})));
    assertTrue(len.getMessage().contains("2 rows"), len.getMessage());
    ValidationException nan = assertThrows(ValidationException.class,
        () -> RegressionMetrics.of(new double[] {1, 2}, Predictions.values(new double[] {1, Double.NaN})));
    assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
    assertThrows(ValidationException.class, () -> RegressionMetrics.of(new double[] {1},
        Predictions.classes(List.of("a"), new int[] {0}, null)));
    Matrix x = new Matrix(1, 1, new double[] {0}, List.of("f"));
    ValidationException task = assertThrows(ValidationException.class, () -> Metrics.of(
        LabeledData.regression("r", x, new double[] {1}), Predictions.classes(List.of("a"), new int[] {0}, null)));
    assertTrue(task.getMessage().contains("'r'"), task.getMessage());
    assertThrows(ValidationException.class, () -> RegressionMetrics.of(
        LabeledData.classification("c", x, List.of("a")), Predictions.values(new double[] {1})));
  }
}
