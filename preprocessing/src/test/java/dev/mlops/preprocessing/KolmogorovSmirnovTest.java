package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {
  private static final JsonNode GOLDEN = DriftGolden.load();

  @Test
  void statisticAndPValueMatchScipyKs2sampAsymp() {
    for (JsonNode c : GOLDEN.get("ks_2samp_asymp")) {
      String name = c.get("name").textValue();
      double[] a = DriftGolden.doubles(c.get("a"));
      double[] b = DriftGolden.doubles(c.get("b"));
      double d = KolmogorovSmirnov.statisticUnsorted(a, b);
      assertEquals(c.get("statistic").doubleValue(), d, 1e-12, name);
      double p = KolmogorovSmirnov.pValue(d, a.length, b.length);
      assertPValue(c.get("pvalue").doubleValue(), p, name);
      // symmetric in the two samples
      assertEquals(d, KolmogorovSmirnov.statisticUnsorted(b, a), 0.0, name);
    }
  }

  @Test
  void kolmogorovDistributionMatchesScipyKstwoOnEveryBranch() {
    for (JsonNode c : GOLDEN.get("kstwo_sf")) {
      int n = c.get("n").intValue();
      double d = c.get("d").doubleValue();
      assertPValue(c.get("sf").doubleValue(), KolmogorovSmirnov.kstwoSf(d, n), "n=" + n + " d=" + d);
    }
  }

  @Test
  void identicalSamplesHaveStatisticZeroAndPValueOne() {
    double[] a = {1, 2, 2, 3, 5};
    assertEquals(0.0, KolmogorovSmirnov.statisticUnsorted(a, a.clone()));
    assertEquals(1.0, KolmogorovSmirnov.pValue(0.0, 5, 5));
  }

  @Test
  void disjointSamplesHaveStatisticOneAndPValueZero() {
    assertEquals(1.0, KolmogorovSmirnov.statisticUnsorted(new double[] {1, 2}, new double[] {3, 4, 5}));
    assertEquals(0.0, KolmogorovSmirnov.pValue(1.0, 200, 300));
  }

  /** Absolute 1e-9, and for p-values below 1e-6 also relative 1e-6, so tiny p-values are checked too. */
  static void assertPValue(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9, what);
    if (expected < 1e-6) {
      assertTrue(Math.abs(expected - actual) <= 1e-6 * expected,
          what + ": expected " + expected + " but was " + actual);
    }
  }
}
