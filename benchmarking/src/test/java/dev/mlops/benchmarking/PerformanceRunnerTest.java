package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PerformanceRunnerTest {
  static final long MS = 1_000_000;
  static final LabeledData DATA = data(100);
  /** Short runs: the bounds below are generous, never wall-clock limits. */
  static final RunOptions QUICK = RunOptions.builder().warmupWindow(Duration.ofMillis(10))
      .maxWarmup(Duration.ofMillis(50)).minDuration(Duration.ofMillis(100)).minQueries(50).build();

  static LabeledData data(int rows) {
    double[] x = new double[rows * 3];
    int[] y = new int[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 7;
    }
    return LabeledData.classification("d", new Matrix(rows, 3, x, List.of("a", "b", "c")), List.of("n", "y"), y);
  }

  /** A regressor whose predictions for one row are built once: it allocates nothing per call. */
  static Predictor fixed(Function<Matrix, Predictions> body) {
    return Predictors.batch("fixed", Task.REGRESSION, List.of(), body);
  }

  static Predictor noop() {
    Predictions one = Predictions.values(new double[] {1});
    return fixed(m -> one);
  }

  static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void singleStreamPercentilesOfASpinningPredictorAreAtLeastItsSpinTime() {
    Predictions one = Predictions.values(new double[] {1});
    Predictor p = fixed(m -> {
      spin(200_000);
      return one;
    });
    PerformanceResult r = PerformanceRunner.run(p, DATA, Scenario.singleStream(), QUICK);
    assertTrue(r.latency().min() >= 199_000, "min " + r.latency().min());
    assertTrue(r.latency().p50() >= 199_000 && r.latency().p50() < 50 * MS, "p50 " + r.latency().p50());
    assertTrue(r.latency().p90() >= r.latency().p50());
    assertTrue(r.latency().p99() >= r.latency().p90());
    assertTrue(r.latency().p999() >= r.latency().p99());
    assertTrue(r.latency().max() >= r.latency().p999());
    assertTrue(r.latency().mean() >= 199_000);
    assertEquals(r.queries(), r.histogram().getTotalCount());
    assertEquals(r.queries(), r.rows());
  }

  @Test
  void aSleepingPredictorShowsItsSleepInTheMedian() {
    Predictions one = Predictions.values(new double[] {1});
    Predictor p = fixed(m -> {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return one;
    });
    PerformanceResult r = PerformanceRunner.run(p, DATA, Scenario.singleStream(), QUICK.withMinQueries(20)
        .withMaxWarmup(Duration.ZERO));
    assertTrue(r.latency().p50() >= 2 * MS && r.latency().p50() < 500 * MS, "p50 " + r.latency().p50());
    assertFalse(r.warmup().steady());
    assertEquals(0, r.warmup().windows());
  }

  @Test
  void theMinimumQueryCountIsHonoured() {
    PerformanceResult r = PerformanceRunner.run(noop(), DATA, Scenario.singleStream(),
        QUICK.withMinDuration(Duration.ZERO).withMinQueries(25_000));
    assertTrue(r.queries() >= 25_000, "queries " + r.queries());
  }

  @Test
  void theMinimumDurationIsHonoured() {
    PerformanceResult r = PerformanceRunner.run(noop(), DATA, Scenario.singleStream(),
        QUICK.withMinDuration(Duration.ofMillis(200)).withMinQueries(1));
    assertTrue(r.durationNanos() >= 200 * MS, "duration " + r.durationNanos());
    PerformanceResult s = PerformanceRunner.run(noop(), DATA, Scenario.server(2000, 1),
        QUICK.withMinDuration(Duration.ofMillis(200)).withMinQueries(10));
    assertTrue(s.durationNanos() >= 200 * MS, "duration " + s.durationNanos());
    assertTrue(s.queries() >= 10);
  }

  @Test
  void warmUpStopsWhenTwoWindowsAgree() {
    Predictions one = Predictions.values(new double[] {1});
    Predictor p = fixed(m -> {
      spin(50_000);
      return one;
    });
    RunOptions o = QUICK.withWarmupTolerance(0.5).withMaxWarmup(Duration.ofSeconds(5));
    PerformanceResult r = PerformanceRunner.run(p, DATA, Scenario.singleStream(), o);
    assertTrue(r.warmup().steady());
    assertTrue(r.warmup().windows() >= 2);
    assertTrue(r.warmup().lastMeanNanos() >= 50_000);
  }

  @Test
  void theServerChargesAStallToEveryQueryScheduledDuringIt() {
    AtomicInteger calls = new AtomicInteger();
    Predictions one = Predictions.values(new double[] {1});
    // Call 1 is the harness's shape check (no warm-up here); call 20 falls in the measured phase.
    Predictor p = fixed(m -> {
      if (calls.incrementAndGet() == 20) {
        spin(50 * MS);
      }
      return one;
    });
    RunOptions o = QUICK.withMaxWarmup(Duration.ZERO).withMinDuration(Duration.ofMillis(400)).withMinQueries(100)
        .withLatencyBound(Duration.ofMillis(10));
    PerformanceResult r = PerformanceRunner.run(p, DATA, Scenario.server(1000, 1), o);
    Histogram h = r.histogram();
    assertTrue(r.latency().max() >= 50 * MS, "max " + r.latency().max());
    // About 50 queries arrive during the 50 ms stall; measured from their send time only one would look slow.
    long slow = h.getTotalCount() - h.getCountBetweenValues(0, 10 * MS);
    assertTrue(slow >= 15, "queries over 10 ms: " + slow);
    assertEquals(slow, r.overBound(), (double) slow / 10);
    assertTrue(r.latency().p99() >= 20 * MS, "p99 " + r.latency().p99());
    assertTrue(r.queriesPerSecond() > 500 && r.queriesPerSecond() < 1500, "qps " + r.queriesPerSecond());
  }

  @Test
  void theSameSeedGivesTheSameSchedule() {
    long[] a = ServerLoad.schedule(1000, 10_000, 0, 7);
    long[] b = ServerLoad.schedule(1000, 10_000, 0, 7);
    long[] c = ServerLoad.schedule(1000, 10_000, 0, 8);
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c));
    assertEquals(10_000, a.length);
    double meanGap = a[a.length - 1] / (double) a.length;
    assertEquals(1e6, meanGap, 0.05e6); // exponential gaps of mean 1 ms
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i] >= a[i - 1]);
    }
    long[] longer = ServerLoad.schedule(1000, 10, 500 * MS, 7);
    assertTrue(longer[longer.length - 1] >= 500 * MS && longer.length >= 10);
  }

  @Test
  void aPredictorThatIsNotThreadSafeIsNeverCalledConcurrently() {
    AtomicInteger inside = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    Predictions one = Predictions.values(new double[] {1});
    Predictor inner = fixed(m -> {
      if (inside.incrementAndGet() > 1) {
        overlapped.set(true);
      }
      spin(100_000);
      inside.decrementAndGet();
      return one;
    });
    Predictor unsafe = new Wrapped(inner, false);
    PerformanceRunner.run(unsafe, DATA, Scenario.server(5000, 4), QUICK.withMinDuration(Duration.ofMillis(200)));
    assertFalse(overlapped.get());
  }

  @Test
  void aNonAllocatingPredictorAllocatesAboutNothingPerPrediction() {
    PerformanceResult r = PerformanceRunner.run(noop(), DATA, Scenario.singleStream(),
        QUICK.withMinQueries(100_000));
    assertFalse(Double.isNaN(r.allocatedBytesPerPrediction()));
    assertTrue(r.allocatedBytesPerPrediction() < 1, "bytes/prediction " + r.allocatedBytesPerPrediction());
    PerformanceResult s = PerformanceRunner.run(noop(), DATA, Scenario.server(20_000, 2),
        QUICK.withMinQueries(5_000));
    assertTrue(s.allocatedBytesPerPrediction() < 16, "server bytes/prediction " + s.allocatedBytesPerPrediction());
  }

  @Test
  void aPredictorThatAllocatesOneKilobytePerCallShowsIt() {
    Predictions one = Predictions.values(new double[] {1});
    byte[][] keep = new byte[1][];
    Predictor p = fixed(m -> {
      keep[0] = new byte[1024]; // escapes, so the JIT cannot remove it
      return one;
    });
    PerformanceResult r = PerformanceRunner.run(p, DATA, Scenario.singleStream(), QUICK.withMinQueries(10_000));
    assertTrue(r.allocatedBytesPerPrediction() >= 1024 && r.allocatedBytesPerPrediction() < 1200,
        "bytes/prediction " + r.allocatedBytesPerPrediction());
  }

  @Test
  void offlineReportsRowsPerSecondForEachBatchSize() {
    PerformanceResult r = PerformanceRunner.run(Predictors.regression("sum", row -> row[0] + row[1]), DATA,
        Scenario.offline(1, 16, 1000), QUICK);
    assertEquals(3, r.offline().size());
    for (PerformanceResult.OfflinePoint pt : r.offline()) {
      assertTrue(pt.rowsPerSecond() > 0);
      assertTrue(pt.batches() >= 50);
      assertTrue(pt.durationNanos() >= 100 * MS);
    }
    assertEquals(100 * r.offline().get(0).batches(), 100 * r.offline().get(0).rows()); // batch of 1
    assertEquals(100 * r.offline().get(2).batches(), r.offline().get(2).rows()); // 1000 > 100 rows: one batch
    double best = r.offline().stream().mapToDouble(PerformanceResult.OfflinePoint::rowsPerSecond).max().orElseThrow();
    assertEquals(best, r.rowsPerSecond());
  }

  @Test
  void theResultSerialisesWithItsHistogram() {
    PerformanceResult r = PerformanceRunner.run(noop(), DATA, Scenario.server(2000, 2), QUICK);
    JsonNode tree = Json.toTree(r);
    assertEquals("server", tree.get("scenario").get("type").asText());
    assertEquals(r.queries(), tree.get("queries").asLong());
    assertTrue(tree.get("latency").has("p999"));
    Histogram back = PerformanceResult.decodeHistogram(tree.get("histogramBase64").asText());
    assertEquals(r.histogram(), back);
    assertFalse(tree.has("histogram"));
    PerformanceResult cold = PerformanceRunner.run(Predictors.regression("one", row -> 1), DATA, Scenario.offline(10),
        QUICK.withMaxWarmup(Duration.ZERO));
    assertTrue(Double.isNaN(cold.warmup().lastMeanNanos()));
    String json = Json.toPrettyJson(cold);
    assertTrue(json.contains("\"batchSize\": 10"), json);
    assertTrue(json.contains("\"rssBytes\""), json);
    assertTrue(json.contains("\"lastMeanNanos\": null"), json);
    assertThrows(ValidationException.class, () -> PerformanceResult.decodeHistogram("AAAA"));
  }

  @Test
  void featureNamesMissingFromTheDataAreAClearErrorInAnyOrderAreFine() {
    Predictor reordered = new Wrapped(noop(), true) {
      @Override
      public List<String> featureNames() {
        return List.of("a", "c", "b");
      }
    };
    assertTrue(PerformanceRunner.run(reordered, DATA, Scenario.singleStream(), QUICK).queries() > 0,
        "adapters match columns by name, so another order is fine");
    Predictor p = new Wrapped(noop(), true) {
      @Override
      public List<String> featureNames() {
        return List.of("a", "z", "b");
      }
    };
    ValidationException e = assertThrows(ValidationException.class,
        () -> PerformanceRunner.run(p, DATA, Scenario.singleStream(), QUICK));
    assertTrue(e.getMessage().contains("[z]") && e.getMessage().contains("[a, b, c]"), e.getMessage());
  }

  @Test
  void aPredictorThatReturnsTheWrongNumberOfRowsIsAClearError() {
    Predictions two = Predictions.values(new double[] {1, 2});
    Predictor p = new Wrapped(fixed(m -> two), true) {
      @Override
      public Predictions predict(Matrix features) {
        return two;
      }
    };
    ValidationException e = assertThrows(ValidationException.class,
        () -> PerformanceRunner.run(p, DATA, Scenario.singleStream(), QUICK));
    assertTrue(e.getMessage().contains("one prediction per row"), e.getMessage());
  }

  @Test
  void aServerRunTooLargeToScheduleIsRefused() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ServerLoad.schedule(1e7, 1, TimeUnit.SECONDS.toNanos(60), 1));
    assertTrue(e.getMessage().contains("lower"), e.getMessage());
  }

  @Test
  void aFailingPredictorFailsTheServerRun() {
    AtomicInteger calls = new AtomicInteger();
    Predictions one = Predictions.values(new double[] {1});
    Predictor p = fixed(m -> {
      if (calls.incrementAndGet() > 5) {
        throw new IllegalStateException("boom");
      }
      return one;
    });
    RuntimeException e = assertThrows(RuntimeException.class, () -> PerformanceRunner.run(p, DATA,
        Scenario.server(1000, 2), QUICK.withMaxWarmup(Duration.ZERO)));
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    assertNotEquals(0, calls.get());
  }

  /** Delegates to a predictor, saying whether it is thread-safe. */
  static class Wrapped implements Predictor {
    private final Predictor inner;
    private final boolean threadSafe;

    Wrapped(Predictor inner, boolean threadSafe) {
      this.inner = inner;
      this.threadSafe = threadSafe;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Framework framework() {
      return inner.framework();
    }

    @Override
    public Task task() {
      return inner.task();
    }

    @Override
    public List<String> labels() {
      return inner.labels();
    }

    @Override
    public Predictions predict(Matrix features) {
      return inner.predict(features);
    }

    @Override
    public boolean threadSafe() {
      return threadSafe;
    }
  }
}
