package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** n rows, binary truth, a model right with probability 0.8, probabilities loosely tied to the truth. */
  static LabeledData truth(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
    }
    return LabeledData.classification("synthetic", new Matrix(n, 0, new double[0], List.of()), List.of("a", "b"), y);
  }

  static Predictions model(LabeledData t, double right, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = t.size();
    int[] p = new int[n];
    double[] proba = new double[2 * n];
    for (int i = 0; i < n; i++) {
      p[i] = r.nextDouble() < right ? t.classes()[i] : 1 - t.classes()[i];
      double q = p[i] == 1 ? 0.5 + 0.5 * r.nextDouble() : 0.5 * r.nextDouble();
      proba[2 * i] = 1 - q;
      proba[2 * i + 1] = q;
    }
    return Predictions.classes(List.of("a", "b"), p, proba);
  }

  @Test
  void deterministicForASeedAndDifferentForAnother() {
    LabeledData t = truth(500, 1);
    Predictions p = model(t, 0.8, 2);
    Map<String, Bootstrap.Interval> a = Bootstrap.intervals(t, p, 200, 0.95, 42);
    assertEquals(a, Bootstrap.intervals(t, p, 200, 0.95, 42));
    assertNotEquals(a, Bootstrap.intervals(t, p, 200, 0.95, 43));
    assertEquals(ClassificationMetrics.of(t, p).values().keySet(), a.keySet());
  }

  @Test
  void intervalsContainTheEstimateAndNarrowWithMoreRows() {
    LabeledData small = truth(200, 3);
    LabeledData large = truth(5000, 3);
    Map<String, Bootstrap.Interval> s = Bootstrap.intervals(small, model(small, 0.8, 4), 500, 0.9, 7);
    Map<String, Bootstrap.Interval> l = Bootstrap.intervals(large, model(large, 0.8, 4), 500, 0.9, 7);
    for (String name : s.keySet()) {
      Bootstrap.Interval i = s.get(name);
      assertTrue(i.lower() <= i.estimate() && i.estimate() <= i.upper(), name + " " + i);
      assertEquals(500, i.resamples());
      Bootstrap.Interval j = l.get(name);
      assertTrue(j.lower() <= j.estimate() && j.estimate() <= j.upper(), name + " " + j);
      assertTrue(j.upper() - j.lower() < (i.upper() - i.lower()) * 0.5, name + " " + i + " vs " + j);
    }
  }

  @Test
  void levelIsRoughlyRespected() {
    // Accuracy of a model right with probability 0.8 on fresh samples: the 90% interval should cover 0.8 in
    // about 90% of 100 data sets (binomial: 80 or more with overwhelming probability).
    int covered = 0;
    for (int rep = 0; rep < 100; rep++) {
      LabeledData t = truth(300, 100 + rep);
      Bootstrap.Interval i = Bootstrap.intervals(t, model(t, 0.8, 1000 + rep), 300, 0.9, rep).get("accuracy");
      if (i.lower() <= 0.8 && 0.8 <= i.upper()) {
        covered++;
      }
    }
    assertTrue(covered >= 80 && covered <= 98, "covered " + covered + " of 100");
  }

  @Test
  void regressionIntervals() {
    int n = 400;
    SplittableRandom r = new SplittableRandom(5);
    double[] y = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 10 + r.nextDouble() * 5;
      p[i] = y[i] + r.nextDouble() - 0.5;
    }
    LabeledData t = LabeledData.regression("reg", new Matrix(n, 0, new double[0], List.of()), y);
    Map<String, Bootstrap.Interval> ci = Bootstrap.intervals(t, Predictions.values(p), 300, 0.95, 1);
    assertEquals(List.of("mae", "rmse", "r2", "mape"), List.copyOf(ci.keySet()));
    Bootstrap.Interval mae = ci.get("mae");
    assertTrue(mae.lower() < 0.25 && 0.25 < mae.upper(), mae.toString());
  }

  @Test
  void undefinedResamplesAreLeftOut() {
    // 2 positives in 60 rows: some resamples draw none, where ROC AUC is undefined.
    int[] y = new int[60];
    y[0] = 1;
    y[1] = 1;
    LabeledData t = LabeledData.classification("rare", new Matrix(60, 0, new double[0], List.of()), List.of("a", "b"), y);
    Bootstrap.Interval auc = Bootstrap.intervals(t, model(t, 0.9, 1), 300, 0.95, 3).get("roc_auc");
    assertTrue(auc.resamples() < 300 && auc.resamples() > 200, auc.toString());
  }

  @Test
  void percentileInterpolatesLikeNumpy() {
    double[] v = {1, 2, 3, 4};
    assertEquals(1.075, Bootstrap.percentile(v, 4, 0.025), 1e-15);   // numpy.percentile([1,2,3,4], 2.5)
    assertEquals(3.925, Bootstrap.percentile(v, 4, 0.975), 1e-15);
  }

  @Test
  void badParameters() {
    LabeledData t = truth(10, 1);
    Predictions p = model(t, 0.8, 2);
    assertThrows(ValidationException.class, () -> Bootstrap.intervals(t, p, 0, 0.95, 1));
    assertThrows(ValidationException.class, () -> Bootstrap.intervals(t, p, 10, 1.0, 1));
    assertThrows(ValidationException.class, () -> Bootstrap.intervals(truth(11, 1), p, 10, 0.95, 1));
  }
}
