package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures a predictor's latency and throughput under a {@link Scenario}, after MLPerf Inference LoadGen: warm-up
 * until steady, then a measured phase that lasts until both the minimum duration and the minimum query count of
 * the {@link RunOptions} are met. Every latency goes into an HdrHistogram (nanoseconds, 3 significant digits).
 *
 * <pre>{@code
 * PerformanceResult r = PerformanceRunner.run(predictor, testData, Scenario.singleStream(), RunOptions.defaults());
 * System.out.println(r.latency().p99() + " ns at p99, " + r.allocatedBytesPerPrediction() + " B/prediction");
 * }</pre>
 *
 * <p>The measured loop is kept cheap: query inputs are built before it (single-stream and server: one 1-row
 * {@link Matrix} per row, for at most {@value #MAX_DISTINCT_ROWS} rows, cycling; offline: the data cut into
 * batches), it allocates nothing per query, and it folds every prediction's size into a value written to a
 * volatile field at the end, so the JIT cannot drop the call (JMH's Blackhole idea). Its own cost per query is
 * measured by {@code perf/run harness-overhead}.
 *
 * <p>Latency is taken from two {@link System#nanoTime()} readings around the call (single-stream, offline), or
 * from the query's <em>scheduled</em> send time to its completion (server), so a stall is charged to every query
 * that arrived during it, and no coordinated omission hides it.
 *
 * <p>Calls run on the calling thread, except in the server scenario (its own worker threads). A predictor that is
 * not {@link Predictor#threadSafe() thread-safe} is called under a lock there.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class PerformanceRunner {
  /** The most distinct 1-row inputs built for single-stream and server runs; rows past it are not sent. */
  public static final int MAX_DISTINCT_ROWS = 8192;
  static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

  // Write-only: the measured loops store what they computed from the predictions here, so that the JIT must keep
  // the predictor calls. Nothing reads it.
  @SuppressWarnings("unused")
  private static volatile long sink;

  private PerformanceRunner() {}

  /**
   * Runs {@code scenario} on {@code predictor} with the features of {@code data}.
   *
   * @throws ValidationException if the data is empty, the predictor's feature names differ from the data's, or
   *     the predictor returns a wrong number of predictions
   */
  public static PerformanceResult run(Predictor predictor, LabeledData data, Scenario scenario, RunOptions options) {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(options, "options");
    Matrix features = data.features();
    if (features.rows() == 0) {
      throw new ValidationException("data '" + data.name() + "' has no rows to send to predictor '"
          + predictor.name() + "'");
    }
    List<String> missing = predictor.featureNames().stream().filter(n -> !features.names().contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new ValidationException("predictor '" + predictor.name() + "' needs features " + missing
          + " that data '" + data.name() + "' does not have (it has " + features.names() + ")");
    }
    if (scenario instanceof Scenario.SingleStream) {
      return singleStream(predictor, features, scenario, options);
    } else if (scenario instanceof Scenario.Offline o) {
      return offline(predictor, features, o, options);
    }
    Scenario.Server s = (Scenario.Server) scenario;
    return ServerLoad.run(predictor, oneRowInputs(features), s, options);
  }

  private static PerformanceResult singleStream(Predictor predictor, Matrix features, Scenario scenario,
      RunOptions options) {
    Matrix[] inputs = oneRowInputs(features);
    check(predictor, inputs);
    PerformanceResult.Warmup warmup = warmUp(predictor, inputs, options);
    Phase m = measure(predictor, inputs, options);
    return m.result(predictor, scenario, options, warmup, List.of());
  }

  private static PerformanceResult offline(Predictor predictor, Matrix features, Scenario.Offline scenario,
      RunOptions options) {
    List<PerformanceResult.OfflinePoint> points = new ArrayList<>();
    Phase best = null;
    PerformanceResult.Warmup bestWarmup = null;
    for (int b : scenario.batchSizes()) {
      Matrix[] batches = batches(features, b);
      check(predictor, batches);
      PerformanceResult.Warmup warmup = warmUp(predictor, batches, options);
      Phase m = measure(predictor, batches, options);
      points.add(new PerformanceResult.OfflinePoint(b, m.queries, m.rows, m.nanos, m.rowsPerSecond(),
          PerformanceResult.Latency.of(m.histogram)));
      if (best == null || m.rowsPerSecond() > best.rowsPerSecond()) {
        best = m;
        bestWarmup = warmup;
      }
    }
    return best.result(predictor, scenario, options, bestWarmup, points);
  }

  /** The measured phase of a sequential scenario, with its memory figures. */
  private static Phase measure(Predictor predictor, Matrix[] inputs, RunOptions options) {
    ProcessMemory memory = new ProcessMemory();
    Histogram h = newHistogram();
    long[] out = new long[5];
    long bound = options.bound().map(d -> d.toNanos()).orElse(Long.MAX_VALUE);
    memory.resetHeapPeak();
    long alloc0 = memory.allocatedByCurrentThread();
    sink = loop(predictor, inputs, options.minQueries(), options.minDuration().toNanos(), bound, h, out);
    long alloc1 = memory.allocatedByCurrentThread();
    Phase m = new Phase(h, out[0], out[1], out[3] - out[2], out[4]);
    m.heapPeak = memory.heapPeak();
    m.heapAfter = memory.heapUsed();
    m.allocated = alloc0 < 0 || alloc1 < 0 ? Double.NaN : (double) (alloc1 - alloc0);
    return m;
  }

  /**
   * The measured loop, shared by warm-up and measurement so that it is compiled before it counts: sends
   * {@code inputs} in order, cycling, until at least {@code minQueries} were sent and {@code minNanos} passed.
   * {@code out} receives queries, rows, start, end (ns) and the count over {@code bound}. Allocates nothing.
   */
  static long loop(Predictor predictor, Matrix[] inputs, long minQueries, long minNanos, long bound, Histogram h,
      long[] out) {
    long acc = 0;
    long queries = 0;
    long rows = 0;
    long over = 0;
    int i = 0;
    long start = System.nanoTime();
    long end;
    do {
      Matrix x = inputs[i];
      long t0 = System.nanoTime();
      Predictions p = predictor.predict(x);
      end = System.nanoTime();
      long latency = end - t0;
      h.recordValue(latency < HIGHEST_NANOS ? latency : HIGHEST_NANOS);
      if (latency > bound) {
        over++;
      }
      acc = acc * 31 + p.size();
      rows += x.rows();
      queries++;
      if (++i == inputs.length) {
        i = 0;
      }
    } while (queries < minQueries || end - start < minNanos);
    out[0] = queries;
    out[1] = rows;
    out[2] = start;
    out[3] = end;
    out[4] = over;
    return acc;
  }

  /**
   * Warm-up windows until the mean latency of the last two differs by less than the tolerance, or the maximum
   * warm-up has passed. Sequential, on the calling thread.
   */
  static PerformanceResult.Warmup warmUp(Predictor predictor, Matrix[] inputs, RunOptions options) {
    long max = options.maxWarmup().toNanos();
    if (max == 0) {
      return new PerformanceResult.Warmup(0, 0, 0, false, Double.NaN);
    }
    long window = options.warmupWindow().toNanos();
    Histogram scratch = newHistogram();
    long[] out = new long[5];
    long begin = System.nanoTime();
    double previous = Double.NaN;
    double mean = Double.NaN;
    int windows = 0;
    long queries = 0;
    boolean steady = false;
    while (true) {
      scratch.reset();
      sink = loop(predictor, inputs, 1, window, Long.MAX_VALUE, scratch, out);
      windows++;
      queries += out[0];
      mean = (double) (out[3] - out[2]) / out[0];
      if (windows >= 2 && Math.abs(mean - previous) < options.warmupTolerance() * previous) {
        steady = true;
        break;
      }
      if (System.nanoTime() - begin >= max) {
        break;
      }
      previous = mean;
    }
    return new PerformanceResult.Warmup(windows, queries, System.nanoTime() - begin, steady, mean);
  }

  static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_NANOS, 3);
  }

  /** One call per distinct input shape, outside any measurement: the predictor must answer every row. */
  static void check(Predictor predictor, Matrix[] inputs) {
    Matrix first = inputs[0];
    Matrix last = inputs[inputs.length - 1];
    for (Matrix x : first == last ? new Matrix[] {first} : new Matrix[] {first, last}) {
      Predictions p = predictor.predict(x);
      if (p == null || p.size() != x.rows()) {
        throw new ValidationException("predictor '" + predictor.name() + "' returned " + p + " for " + x.rows()
            + " rows; it must return one prediction per row");
      }
    }
  }

  /** One 1-row matrix per row, for at most {@link #MAX_DISTINCT_ROWS} rows. */
  static Matrix[] oneRowInputs(Matrix features) {
    int n = Math.min(features.rows(), MAX_DISTINCT_ROWS);
    Matrix[] out = new Matrix[n];
    for (int r = 0; r < n; r++) {
      out[r] = new Matrix(1, features.cols(), features.row(r), features.names());
    }
    return out;
  }

  /** The rows cut into batches of {@code size} (the last one shorter when the rows do not divide). */
  static Matrix[] batches(Matrix features, int size) {
    int rows = features.rows();
    int cols = features.cols();
    int n = (rows + size - 1) / size;
    Matrix[] out = new Matrix[n];
    for (int b = 0; b < n; b++) {
      int from = b * size;
      int len = Math.min(size, rows - from);
      double[] data = new double[len * cols];
      System.arraycopy(features.data(), from * cols, data, 0, data.length);
      out[b] = new Matrix(len, cols, data, features.names());
    }
    return out;
  }

  /** What a measured phase recorded. */
  static final class Phase {
    final Histogram histogram;
    final long queries;
    final long rows;
    final long nanos;
    final long over;
    long heapPeak;
    long heapAfter;
    double allocated;

    Phase(Histogram histogram, long queries, long rows, long nanos, long over) {
      this.histogram = histogram;
      this.queries = queries;
      this.rows = rows;
      this.nanos = Math.max(1, nanos);
      this.over = over;
    }

    double rowsPerSecond() {
      return rows * 1e9 / nanos;
    }

    PerformanceResult result(Predictor predictor, Scenario scenario, RunOptions options,
        PerformanceResult.Warmup warmup, List<PerformanceResult.OfflinePoint> offline) {
      return new PerformanceResult(predictor.name(), scenario, options, queries, rows, nanos, queries * 1e9 / nanos,
          rowsPerSecond(), PerformanceResult.Latency.of(histogram), over, offline, warmup, allocated / rows,
          heapAfter, heapPeak, ProcessMemory.procStatusBytes("VmRSS"), ProcessMemory.procStatusBytes("VmHWM"),
          histogram);
    }
  }
}
