package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The scipy/numpy golden values of {@code src/test/resources/scipy/drift_golden.json} (see make_drift_golden.py). */
final class DriftGolden {
  private DriftGolden() {}

  static JsonNode load() {
    try (InputStream in = DriftGolden.class.getResourceAsStream("/scipy/drift_golden.json")) {
      if (in == null) {
        throw new IllegalStateException("no /scipy/drift_golden.json; run make_drift_golden.py");
      }
      return Json.reader().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

  static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).longValue();
    }
    return out;
  }
}
