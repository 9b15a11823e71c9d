package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.MetricsGolden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

  @Test
  void mcNemarMatchesScipy() {
    for (JsonNode c : MetricsGolden.ROOT.get("mcnemar")) {
      long b = c.get("b").asLong();
      long n = b + c.get("c").asLong();
      String what = "b=" + b + " c=" + c.get("c").asLong();
      PairedComparison.McNemar exact = PairedComparison.mcNemar(b, c.get("c").asLong(), true);
      close(c.get("exact_p"), exact.pValue(), what + " exact");
      PairedComparison.McNemar chi = PairedComparison.mcNemar(b, c.get("c").asLong(), false);
      close(c.get("chi2_statistic"), chi.statistic(), what + " chi2 statistic");
      close(c.get("chi2_p"), chi.pValue(), what + " chi2 p");
      assertEquals(n < PairedComparison.EXACT_BELOW, n < 25);
    }
  }

  static final Matrix X = new Matrix(40, 0, new double[0], List.of());

  @Test
  void mcNemarFromPredictionsCountsDiscordantRowsAndPicksTheTest() {
    int[] y = new int[40];
    int[] a = new int[40];
    int[] b = new int[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 2;
      a[i] = i < 30 ? y[i] : 1 - y[i];     // A wrong on 30..39
      b[i] = i < 3 ? 1 - y[i] : y[i];      // B wrong on 0..2
    }
    LabeledData t = LabeledData.classification("t", X, List.of("n", "p"), y);
    PairedComparison.McNemar m = PairedComparison.mcNemar(t, Predictions.classes(List.of("n", "p"), a, null),
        Predictions.classes(List.of("n", "p"), b, null));
    assertEquals(3, m.b());
    assertEquals(10, m.c());
    assertTrue(m.exact());
    // scipy.stats.binomtest(3, 13, 0.5).pvalue == 0.09228515625 (exactly 2 * 378 / 8192)
    assertEquals(0.09228515625, m.pValue(), 1e-15);
    assertEquals(1.0, PairedComparison.mcNemar(0, 0, true).pValue());
  }

  @Test
  void bootstrapDifferenceIsPairedAndDirectional() {
    LabeledData t = BootstrapTest.truth(2000, 11);
    Predictions good = BootstrapTest.model(t, 0.9, 12);
    Predictions poor = BootstrapTest.model(t, 0.7, 13);
    PairedComparison.Difference acc = PairedComparison.bootstrapDifference(t, good, poor, "accuracy", 300, 0.95, 5);
    assertTrue(acc.lower() > 0 && acc.estimate() > 0.15 && acc.estimate() < 0.25, acc.toString());
    assertEquals(1.0, acc.fractionABetter());
    PairedComparison.Difference loss = PairedComparison.bootstrapDifference(t, good, poor, "log_loss", 300, 0.95, 5);
    assertTrue(loss.upper() < 0, loss.toString());
    assertEquals(1.0, loss.fractionABetter());          // lower log loss is better
    PairedComparison.Difference same = PairedComparison.bootstrapDifference(t, good, good, "f1_macro", 100, 0.9, 5);
    assertEquals(0.0, same.estimate());
    assertEquals(0.0, same.lower());
    assertEquals(0.0, same.fractionABetter());
    assertEquals(acc, PairedComparison.bootstrapDifference(t, good, poor, "accuracy", 300, 0.95, 5));
  }

  @Test
  void badInputsAreClearErrors() {
    LabeledData t = BootstrapTest.truth(20, 1);
    Predictions p = BootstrapTest.model(t, 0.8, 2);
    ValidationException metric = assertThrows(ValidationException.class,
        () -> PairedComparison.bootstrapDifference(t, p, p, "auc", 10, 0.9, 1));
    assertTrue(metric.getMessage().contains("roc_auc"), metric.getMessage());
    ValidationException notHere = assertThrows(ValidationException.class,
        () -> PairedComparison.bootstrapDifference(t, p, p, "rmse", 10, 0.9, 1));
    assertTrue(notHere.getMessage().contains("rmse"), notHere.getMessage());
    Predictions shorter = BootstrapTest.model(BootstrapTest.truth(19, 1), 0.8, 2);
    assertThrows(ValidationException.class, () -> PairedComparison.mcNemar(t, p, shorter));
    LabeledData reg = LabeledData.regression("r", new Matrix(1, 0, new double[0], List.of()), new double[] {1});
    assertThrows(ValidationException.class, () -> PairedComparison.mcNemar(reg, Predictions.values(new double[] {1}),
        Predictions.values(new double[] {1})));
    assertThrows(ValidationException.class, () -> PairedComparison.mcNemar(-1, 2, true));
    assertFalse(PairedComparison.mcNemar(30, 45, false).exact());
  }
}
