package dev.mlops.benchmarking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Reports for the regression gate's tests: a spinning predictor, made slower or less accurate on purpose. */
final class GateFixtures {
  static final LabeledData DATA = BenchmarkTest.data();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  private GateFixtures() {}

  /**
   * The "good" classifier of BenchmarkTest, spinning {@code spinNanos} per row; every {@code flipEvery}-th row's
   * class flipped (0: none).
   */
  static Predictor spinning(String name, long spinNanos, int flipEvery) {
    return Predictors.batch(name, Task.CLASSIFICATION, List.of("no", "yes"), m -> {
      long end = System.nanoTime() + spinNanos * m.rows();
      int[] c = new int[m.rows()];
      double[] p = new double[m.rows() * 2];
      for (int r = 0; r < c.length; r++) {
        double s = 1 / (1 + Math.exp(-8 * m.get(r, 0)));
        // a flip is keyed on the feature value, so it hits the same rows whatever the batch
        boolean flip = flipEvery > 0 && Math.floorMod((long) (m.get(r, 1) * 1e6), flipEvery) == 0;
        if (flip) {
          s = 1 - s;
        }
        p[2 * r] = 1 - s;
        p[2 * r + 1] = s;
        c[r] = s > 0.5 ? 1 : 0;
      }
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
      return Predictions.classes(List.of("no", "yes"), c, p);
    });
  }

  /** A report of {@code predictor} with single-stream and offline (1, 5) runs. */
  static BenchmarkReport timed(Predictor predictor) {
    return Benchmark.builder("gate").data(DATA).predictor(predictor)
        .scenarios(Scenario.singleStream(), Scenario.offline(1, 5))
        .runOptions(BenchmarkTest.QUICK.withMinQueries(1000))
        .bootstrap(200, 0.95).seed(1).clock(CLOCK).build().run();
  }

  /** A report of {@code predictor} without performance runs. */
  static BenchmarkReport untimed(Predictor predictor) {
    return Benchmark.builder("gate").data(DATA).predictor(predictor).scenarios().bootstrap(200, 0.95).seed(1)
        .clock(CLOCK).build().run();
  }

  /** {@code r} as if run on other data. */
  static BenchmarkReport withDataSha(BenchmarkReport r, String sha) {
    BenchmarkReport.DataInfo d = r.data();
    return new BenchmarkReport(r.format(), r.version(), r.name(), r.createdAt(), r.library(), r.environment(),
        new BenchmarkReport.DataInfo(d.name() + "-v2", d.rows(), d.features(), d.task(), d.labels(), sha),
        r.predictors(), r.comparisons());
  }

  /** {@code r} as if run on a machine with another CPU. */
  static BenchmarkReport onOtherCpu(BenchmarkReport r) {
    Environment e = r.environment();
    Environment other = new Environment(e.jvmName(), e.jvmVendor(), e.jvmVersion(), e.jvmArguments(), e.osName(),
        e.osVersion(), e.osArch(), "Imaginary CPU 9000", e.availableProcessors(), e.maxHeapBytes(), e.libraries(),
        e.nanoTimeGranularityNanos(), e.nanoTimeCostNanos());
    return new BenchmarkReport(r.format(), r.version(), r.name(), r.createdAt(), r.library(), other, r.data(),
        r.predictors(), r.comparisons());
  }
}
