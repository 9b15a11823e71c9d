package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Matrix;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorBasicsTest {
  static final Matrix X = new Matrix(3, 2, new double[] {1, 10, 2, 20, 3, 30}, List.of("a", "b"));

  @Test
  void aFunctionClassifiesEachRow() {
    Predictor p = Predictors.function("rule", List.of("low", "high"), row -> row[1] > 15 ? 1 : 0);
    Predictions out = p.predict(X);
    assertArrayEquals(new int[] {0, 1, 1}, out.classes());
    assertEquals("high", out.label(2));
    assertEquals(Task.CLASSIFICATION, p.task());
    assertEquals("Java", p.framework().name());
  }

  @Test
  void aFunctionRegresses() {
    Predictions out = Predictors.regression("sum", row -> row[0] + row[1]).predict(X);
    assertArrayEquals(new double[] {11, 22, 33}, out.values());
  }

  @Test
  void predictionsCheckTheirShape() {
    assertThrows(ValidationException.class, () -> Predictions.classes(List.of("a"), new int[] {1}, null));
    assertThrows(ValidationException.class, () -> Predictions.classes(List.of("a", "b"), new int[] {1}, new double[3]));
    Predictions p = Predictions.classes(List.of("a", "b"), new int[] {1, 0}, new double[] {0.2, 0.8, 0.6, 0.4});
    assertEquals(0.6, p.probability(1, 0));
    assertThrows(ValidationException.class, () -> Predictors.batch("x", Task.REGRESSION, List.of("a"), m -> null));
    Predictor liar = Predictors.batch("liar", Task.REGRESSION, List.of(), m -> Predictions.values(new double[1]));
    ValidationException e = assertThrows(ValidationException.class, () -> liar.predict(X));
    assertTrue(e.getMessage().contains("liar"), e.getMessage());
  }

  @Test
  void labeledDataFromAFrame() {
    Schema s = Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("n", ColumnType.LONG),
        Field.of("y", ColumnType.STRING));
    Frame f = Frame.fromRows(s, List.of(Arrays.asList(1.5, 2L, "b"), Arrays.asList(null, 3L, "a"),
        Arrays.asList(0.5, 4L, "b")));
    LabeledData d = LabeledData.fromFrame("t", f, "y");
    assertEquals(List.of("a", "b"), d.labels());
    assertArrayEquals(new int[] {1, 0, 1}, d.classes());
    assertEquals(List.of("x", "n"), d.features().names());
    assertTrue(Double.isNaN(d.features().get(1, 0)));
    LabeledData two = d.rows(new int[] {2, 2});
    assertArrayEquals(new int[] {1, 1}, two.classes());
    assertEquals(0.5, two.features().get(1, 0));
    assertEquals(d.sha256(), LabeledData.fromFrame("t", f, "y").sha256());
    assertNotEquals(d.sha256(), two.sha256());
    assertThrows(ValidationException.class, () -> LabeledData.classification("bad", X, List.of("a"), new int[] {0, 1, 0}));
  }
}
