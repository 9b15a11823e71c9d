package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.MetricsGolden.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationMetricsTest {

  static Stream<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    MetricsGolden.ROOT.get("classification").forEach(out::add);
    return out.stream();
  }

  static Predictions predictions(JsonNode c) {
    JsonNode proba = c.get("proba");
    return Predictions.classes(MetricsGolden.strings(c.get("labels")), MetricsGolden.ints(c.get("y_pred")),
        proba.isNull() ? null : MetricsGolden.flat(proba));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearn(JsonNode c) {
    String name = c.get("case").asText();
    JsonNode e = c.get("expected");
    List<String> labels = MetricsGolden.strings(c.get("labels"));
    int k = labels.size();
    ClassificationMetrics m = ClassificationMetrics.of(MetricsGolden.ints(c.get("y_true")), predictions(c));
    close(e.get("accuracy"), m.accuracy(), name + " accuracy");
    close(e.get("balanced_accuracy"), m.balancedAccuracy(), name + " balanced_accuracy");
    double[][] perClass = {m.precision(), m.recall(), m.f1()};
    String[] keys = {"precision", "recall", "f1"};
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < k; i++) {
        close(e.get(keys[j]).get(i), perClass[j][i], name + " " + keys[j] + "[" + i + "]");
      }
    }
    long[] support = m.support();
    long[][] confusion = m.confusion();
    for (int i = 0; i < k; i++) {
      assertEquals(e.get("support").get(i).asLong(), support[i], name + " support");
      for (int j = 0; j < k; j++) {
        assertEquals(e.get("confusion").get(i).get(j).asLong(), confusion[i][j], name + " confusion");
      }
    }
    Map<String, Double> v = m.values();
    for (String avg : List.of("macro", "micro", "weighted")) {
      for (String key : keys) {
        close(e.get(key + "_" + avg), v.get(key + "_" + avg), name + " " + key + "_" + avg);
      }
    }
    if (k == 2) {
      for (String key : keys) {
        close(e.get(key + "_binary"), v.get(key), name + " " + key + " (binary)");
      }
    }
    assertEquals(names(labels, e.get("precision_zero_division")), m.precisionZeroDivision(), name);
    assertEquals(names(labels, e.get("recall_zero_division")), m.recallZeroDivision(), name);
    List<String> rocKeys = k == 2 ? List.of("roc_auc") : List.of("roc_auc_ovr_macro", "roc_auc_ovr_weighted");
    for (String key : concat(rocKeys, "log_loss")) {
      if (e.has(key)) {
        close(e.get(key), v.get(key), name + " " + key);
      } else {
        assertTrue(Double.isNaN(v.get(key)), name + " " + key + " should be NaN: " + v.get(key));
        assertTrue(m.notes().stream().anyMatch(n -> n.contains(key)), name + " notes " + m.notes());
      }
    }
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  private static List<String> names(List<String> labels, JsonNode indexes) {
    List<String> out = new ArrayList<>();
    indexes.forEach(i -> out.add(labels.get(i.asInt())));
    return out;
  }

  @Test
  void goldenFileCoversTheEdgeCases() {
    List<String> names = cases().map(c -> c.get("case").asText()).toList();
    assertTrue(names.containsAll(List.of("binary_ties", "multiclass3_never_predicted", "multiclass3_absent_from_truth",
        "multiclass3_unnormalised", "multiclass4_ties", "iris_logistic", "breast_cancer_logistic")), names.toString());
    assertEquals(Math.ulp(1.0), MetricsGolden.ROOT.get("versions").get("log_loss_eps_auto").asDouble());
    assertEquals("1.2.1", MetricsGolden.ROOT.get("versions").get("sklearn").asText());
  }

  @Test
  void labeledDataIsMatchedToThePredictorsLabelsByName() {
    Matrix x = new Matrix(3, 1, new double[] {0, 1, 2}, List.of("f"));
    LabeledData truth = LabeledData.classification("t", x, List.of("b", "a", "b"));   // labels [a, b]
    Predictions p = Predictions.classes(List.of("b", "a"), new int[] {0, 1, 1}, null);
    ClassificationMetrics m = ClassificationMetrics.of(truth, p);
    assertEquals(2.0 / 3, m.accuracy());
    assertEquals(List.of("b", "a"), m.labels());
    assertArrayEquals(new long[] {1, 1}, m.confusion()[0]);
    LabeledData unknown = LabeledData.classification("u", x, List.of("a", "c", "a"));
    ValidationException e = assertThrows(ValidationException.class, () -> ClassificationMetrics.of(unknown, p));
    assertTrue(e.getMessage().contains("'c'"), e.getMessage());
  }

  @Test
  void withoutProbabilitiesRocAucAndLogLossAreNanWithANote() {
    ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1},
        Predictions.classes(List.of("a", "b"), new int[] {0, 0}, null));
    assertTrue(Double.isNaN(m.rocAuc()));
    assertTrue(Double.isNaN(m.logLoss()));
    assertTrue(m.notes().stream().anyMatch(n -> n.contains("no class probabilities")), m.notes().toString());
    assertFalse(m.values().containsKey("roc_auc_ovr_macro"));
  }

  @Test
  void badInputsAreClearErrors() {
    Predictions p = Predictions.classes(List.of("a", "b"), new int[] {0, 1}, new double[] {1, 0, Double.NaN, 1});
    ValidationException nan = assertThrows(ValidationException.class, () -> ClassificationMetrics.of(new int[] {0, 1}, p));
    assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("row 1"), nan.getMessage());
    Predictions ok = Predictions.classes(List.of("a", "b"), new int[] {0, 1}, null);
    ValidationException len = assertThrows(ValidationException.class,
        () -> ClassificationMetrics.of(new int[] {0, 1, 1}, ok));
    assertTrue(len.getMessage().contains("3 rows") && len.getMessage().contains("have 2"), len.getMessage());
    ValidationException task = assertThrows(ValidationException.class,
        () -> ClassificationMetrics.of(new int[] {0}, Predictions.values(new double[] {1})));
    assertTrue(task.getMessage().contains("REGRESSION"), task.getMessage());
    assertThrows(ValidationException.class, () -> ClassificationMetrics.of(new int[] {0, 2}, ok));
    assertThrows(ValidationException.class, () -> ClassificationMetrics.of(new int[0],
        Predictions.classes(List.of("a"), new int[0], null)));
    Matrix x = new Matrix(1, 1, new double[] {0}, List.of("f"));
    assertThrows(ValidationException.class, () -> ClassificationMetrics.of(
        LabeledData.regression("r", x, new double[] {1}), Predictions.values(new double[] {1})));
  }

  @Test
  void metricDirectionsAndNames() {
    assertTrue(Metric.byName("accuracy").higherIsBetter());
    assertFalse(Metric.byName("log_loss").higherIsBetter());
    assertFalse(Metric.byName("rmse").higherIsBetter());
    assertTrue(Metric.byName("r2").higherIsBetter());
    assertEquals("roc_auc_ovr_weighted", Metric.ROC_AUC_OVR_WEIGHTED.id());
    ValidationException e = assertThrows(ValidationException.class, () -> Metric.byName("auc"));
    assertTrue(e.getMessage().contains("roc_auc"), e.getMessage());
    for (Metric m : Metric.values()) {
      assertEquals(m, Metric.byName(m.id()));
    }
  }
}
