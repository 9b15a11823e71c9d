package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
  static final RunOptions QUICK = RunOptions.builder().warmupWindow(Duration.ofMillis(20)).maxWarmup(Duration.ofMillis(100))
      .minDuration(Duration.ofMillis(50)).minQueries(200).build();

  /** 400 rows, 2 features; the label is 1 when x0 + noise > 0. */
  static LabeledData data() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 400;
    double[] x = new double[n * 2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = rnd.nextDouble() * 2 - 1;
      x[2 * i + 1] = rnd.nextDouble();
      y[i] = x[2 * i] + 0.3 * (rnd.nextDouble() - 0.5) > 0 ? 1 : 0;
    }
    return LabeledData.classification("synthetic", new Matrix(n, 2, x, List.of("x0", "x1")), List.of("no", "yes"), y);
  }

  static Predictor good() {
    return Predictors.batch("good", Task.CLASSIFICATION, List.of("no", "yes"), m -> {
      int[] c = new int[m.rows()];
      double[] p = new double[m.rows() * 2];
      for (int r = 0; r < c.length; r++) {
        double s = 1 / (1 + Math.exp(-8 * m.get(r, 0)));
        p[2 * r] = 1 - s;
        p[2 * r + 1] = s;
        c[r] = s > 0.5 ? 1 : 0;
      }
      return Predictions.classes(List.of("no", "yes"), c, p);
    });
  }

  static Predictor coin() {
    return Predictors.function("coin", List.of("no", "yes"), row -> row[1] > 0.5 ? 1 : 0);
  }

  @Test
  void measuresEveryPredictorOnTheSameDataAndComparesThem() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    List<String> events = new ArrayList<>();
    BenchmarkReport r = Benchmark.builder("synthetic-bench").data(data())
        .predictor("good", BenchmarkTest::good).predictor(coin())
        .scenarios(Scenario.singleStream(), Scenario.offline(1, 50)).runOptions(QUICK).bootstrap(200, 0.9).seed(1)
        .clock(clock).listener(events::add).build().run();
    assertEquals(List.of("good", "coin"), r.predictors().stream().map(BenchmarkReport.PredictorResult::name).toList());
    BenchmarkReport.MetricValue acc = r.predictor("good").metrics().get("accuracy");
    assertTrue(acc.estimate() > 0.85, "good accuracy " + acc);
    assertTrue(acc.lower() <= acc.estimate() && acc.estimate() <= acc.upper());
    assertEquals(0.9, acc.level());
    assertTrue(r.predictor("coin").metrics().get("accuracy").estimate() < 0.65);
    assertTrue(Double.isNaN(r.predictor("coin").metrics().get("roc_auc").estimate()), "no probabilities, no AUC");
    assertNotNull(r.predictor("good").loadNanos());
    assertEquals(2, r.predictor("good").performance().size());
    PerformanceResult single = r.predictor("good").performance(Scenario.SingleStream.class);
    assertTrue(single.queries() >= 200);
    assertEquals(400, r.data().rows());
    assertEquals(data().sha256(), r.data().sha256());
    BenchmarkReport.PairResult pair = r.comparisons().get(0);
    assertEquals("good", pair.a());
    assertTrue(pair.mcNemar().pValue() < 0.001, "good vs coin differ: " + pair.mcNemar());
    assertTrue(pair.differences().get(0).lower() > 0, "accuracy difference interval above 0");
    assertEquals(Instant.parse("2026-12-01T12:00:00Z"), r.createdAt());
    assertTrue(events.stream().anyMatch(e -> e.startsWith("measuring good")), events.toString());
    assertArrayEquals(good().predict(data().features()).classes(), r.predictor("good").predictions().classes());
  }

  @Test
  void theReportRoundTripsThroughJson() {
    BenchmarkReport r = Benchmark.builder("rt").data(data()).predictor(good()).predictor(coin())
        .scenarios(Scenario.singleStream()).runOptions(QUICK).bootstrap(100, 0.95).build().run();
    String json = r.toJson();
    BenchmarkReport back = BenchmarkReport.fromJson(json);
    assertEquals(json, back.toJson());
    assertEquals(r.predictor("good").performance().get(0).latency(),
        back.predictor("good").performance().get(0).latency());
    assertEquals(r.predictor("good").performance().get(0).histogram().getTotalCount(),
        back.predictor("good").performance().get(0).histogram().getTotalCount());
    assertTrue(Double.isNaN(back.predictor("coin").metrics().get("roc_auc").estimate()));
    assertArrayEquals(r.predictor("good").predictions().toPredictions().probabilities(),
        back.predictor("good").predictions().toPredictions().probabilities());
    assertNull(back.predictor("coin").sizeBytes());
  }

  @Test
  void badBenchmarksAreClearErrors() {
    assertThrows(ValidationException.class, () -> Benchmark.builder("bad name!"));
    assertThrows(ValidationException.class, () -> Benchmark.builder("x").build());
    assertThrows(ValidationException.class, () -> Benchmark.builder("x").data(data()).build());
    assertThrows(ValidationException.class, () -> Benchmark.builder("x").predictor(coin()).predictor(coin()));
    Predictor regressor = Predictors.regression("r", row -> 0);
    ValidationException e = assertThrows(ValidationException.class,
        () -> Benchmark.builder("x").data(data()).predictor(regressor).scenarios().build().run());
    assertTrue(e.getMessage().contains("REGRESSION model but the data"), e.getMessage());
    assertThrows(ValidationException.class, () -> BenchmarkReport.fromJson("{\"format\": \"nope\", \"version\": 1}"));
  }
}
