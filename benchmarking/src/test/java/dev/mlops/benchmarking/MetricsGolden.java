package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads sklearn/metrics_golden.json (written by make_metrics_golden.py). */
final class MetricsGolden {
  static final JsonNode ROOT = load();

  private MetricsGolden() {}

  private static JsonNode load() {
    try (InputStream in = MetricsGolden.class.getResourceAsStream("/sklearn/metrics_golden.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
    }
    return out;
  }

  static double[] flat(JsonNode rows) {
    List<Double> out = new ArrayList<>();
    rows.forEach(r -> r.forEach(v -> out.add(v.asDouble())));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** Equal to 1e-12 relative (absolute 1e-15 around 0). */
  static void close(double expected, double actual, String what) {
    double tol = Math.max(1e-12 * Math.abs(expected), 1e-15);
    assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " but was " + actual);
  }

  static void close(JsonNode expected, double actual, String what) {
    assertTrue(expected != null, what + ": missing in the golden file");
    close(expected.asDouble(), actual, what);
  }

  static void exactly(long expected, long actual, String what) {
    assertEquals(expected, actual, what);
  }
}
