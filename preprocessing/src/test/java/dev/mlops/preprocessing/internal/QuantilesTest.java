package dev.mlops.preprocessing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantilesTest {
  @Test
  void linearInterpolationAsNumpy() {
    double[] v = {1, 2, 3, 4};
    assertEquals(1.75, Quantiles.quantile(v, 4, 0.25));
    assertEquals(1.0, Quantiles.quantile(v, 4, 0));
    assertEquals(4.0, Quantiles.quantile(v, 4, 1));
    assertEquals(2.5, Quantiles.median(v, 4));
    assertEquals(2.0, Quantiles.median(v, 3));
    assertEquals(7.0, Quantiles.quantile(new double[] {7}, 1, 0.3));
    assertEquals(Double.NaN, Quantiles.quantile(v, 0, 0.5));
    double[] many = Quantiles.quantiles(v, 4, 0.1, 0.9);
    assertEquals(1.3, many[0], 1e-15);
    assertEquals(3.7, many[1], 1e-15);
  }

  /** KBinsDiscretizer's quantile edges are np.percentile at np.linspace(0, 100, n_bins + 1): bit for bit. */
  @ParameterizedTest
  @ValueSource(strings = {"kbins_quantile_ordinal_3_iris", "kbins_quantile_ordinal_5_iris",
      "kbins_quantile_ordinal_5_breast_cancer"})
  void percentilesMatchScikitLearnsQuantileBinEdges(String name) throws IOException {
    JsonNode c;
    try (InputStream in = getClass().getResourceAsStream("/sklearn/cases/" + name + ".json")) {
      c = Json.reader().readTree(in);
    }
    JsonNode edges = c.path("fit").path("state").path("bin_edges_");
    JsonNode rows = c.path("fit_input").path("rows");
    int bins = c.path("estimator").path("params_set").path("n_bins").asInt();
    for (int col = 0; col < edges.size(); col++) {
      double[] v = new double[rows.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = rows.get(r).get(col).asDouble();
      }
      Arrays.sort(v);
      double step = 100.0 / bins;
      for (int i = 0; i <= bins; i++) {
        double p = i == bins ? 100.0 : i * step; // np.linspace(0, 100, bins + 1)
        double want = edges.get(col).get(i).asDouble();
        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(Quantiles.percentile(v, v.length, p)),
            name + " column " + col + " edge " + i + ": " + want);
      }
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[2], 3, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[2], 2, 1.5));
  }
}
