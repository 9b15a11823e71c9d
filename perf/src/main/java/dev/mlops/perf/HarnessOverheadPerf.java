package dev.mlops.perf;

import dev.mlops.benchmarking.Environment;
import dev.mlops.benchmarking.Framework;
import dev.mlops.benchmarking.LabeledData;
import dev.mlops.benchmarking.PerformanceResult;
import dev.mlops.benchmarking.PerformanceRunner;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.RunOptions;
import dev.mlops.benchmarking.Scenario;
import dev.mlops.benchmarking.Task;
import dev.mlops.core.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code perf/run harness-overhead}: what {@link PerformanceRunner} itself adds to a measurement.
 *
 * <ul>
 *   <li>{@code overhead_ns}: the mean single-stream latency the harness reports for a predictor that returns a
 *       pre-built {@link Predictions} at once. The predictor does nothing, so this is what the harness adds to
 *       every latency it reports (the interface call, half of a {@code System.nanoTime()} pair). Also printed:
 *       {@code loop_ns} (wall time per query of the measured loop, recording included: the harness's full cost
 *       per query) and {@code direct_call_ns} (the same no-op called in a plain loop, no timing).
 *   <li>{@code p50_vs_jmh}: the harness's single-stream p50 for {@link LogisticPredictor} (30 features) divided by
 *       JMH's SampleTime p50 of the same call on the same 1-row inputs (1 fork, 3 x 1 s warm-up, 5 x 1 s
 *       measurement; AverageTime too, for reference).
 * </ul>
 *
 * Not published.
 */
final class HarnessOverheadPerf {
  static final long SEED = 42;
  static final int ROWS = 1024;
  @SuppressWarnings("unused")
  private static volatile long sink;

  private HarnessOverheadPerf() {}

  static String run(String[] args) {
    if (args.length > 1) {
      throw PerfRun.usage("harness-overhead takes at most one argument, the measured seconds per harness run");
    }
    int seconds;
    try {
      seconds = args.length == 0 ? 5 : Integer.parseInt(args[0]);
    } catch (NumberFormatException e) {
      throw PerfRun.usage("harness-overhead: SECONDS is '" + args[0] + "'; expected a whole number");
    }
    Environment env = Environment.current();
    System.err.printf(Locale.ROOT, "%s, %d cpus, %s %s; nanoTime granularity %d ns, cost %.1f ns%n", env.cpuModel(),
        env.availableProcessors(), env.jvmName(), env.jvmVersion(), env.nanoTimeGranularityNanos(),
        env.nanoTimeCostNanos());
    Matrix x = LogisticPredictor.data(ROWS, SEED);
    LabeledData data = LabeledData.classification("logistic-data", x, LogisticPredictor.LABELS, new int[ROWS]);
    RunOptions options = RunOptions.defaults().withMinDuration(Duration.ofSeconds(seconds)).withMinQueries(100_000);

    Predictor noop = new Noop();
    PerformanceResult idle = PerformanceRunner.run(noop, data, Scenario.singleStream(), options);
    double loopNs = (double) idle.durationNanos() / idle.queries();
    double directNs = direct(noop, LogisticPredictor.oneRowInputs(x));
    System.err.printf(Locale.ROOT, "no-op: mean %.1f ns, p50 %d ns, loop %.1f ns/query, direct call %.2f ns, %d "
        + "queries, %.1f B/prediction%n", idle.latency().mean(), idle.latency().p50(), loopNs, directNs,
        idle.queries(), idle.allocatedBytesPerPrediction());

    PerformanceResult lr = PerformanceRunner.run(new LogisticPredictor(SEED), data, Scenario.singleStream(), options);
    System.err.printf(Locale.ROOT, "logistic-30: p50 %d ns, mean %.1f ns, p99 %d ns, %d queries%n", lr.latency().p50(),
        lr.latency().mean(), lr.latency().p99(), lr.queries());

    Jmh jmh = jmh();
    System.err.printf(Locale.ROOT, "JMH: SampleTime p50 %.1f ns (%d samples), AverageTime %.1f ns%n", jmh.p50,
        jmh.samples, jmh.average);
    return String.format(Locale.ROOT, "{\"overhead_ns\":%.1f, \"overhead_basis\":\"mean single-stream latency of a "
        + "no-op predictor\", \"overhead_p50_ns\":%d, \"loop_ns\":%.1f, \"direct_call_ns\":%.2f, "
        + "\"p50_vs_jmh\":%.3f, \"harness_p50_ns\":%d, \"harness_mean_ns\":%.1f, \"jmh_p50_ns\":%.1f, "
        + "\"jmh_avg_ns\":%.1f, \"harness_queries\":%d, \"harness_warmup_windows\":%d, \"jmh_samples\":%d, "
        + "\"jmh_iterations\":\"1 fork, 3x1s warm-up, 5x1s measurement\", \"allocated_b_per_noop\":%.2f, "
        + "\"nanotime_granularity_ns\":%d, \"nanotime_cost_ns\":%.1f, \"cpus\":%d}",
        idle.latency().mean(), idle.latency().p50(), loopNs, directNs, lr.latency().p50() / jmh.p50,
        lr.latency().p50(), lr.latency().mean(), jmh.p50, jmh.average, lr.queries(), lr.warmup().windows(),
        jmh.samples, idle.allocatedBytesPerPrediction(), env.nanoTimeGranularityNanos(), env.nanoTimeCostNanos(),
        env.availableProcessors());
  }

  /** The no-op called in a plain loop: ns per call (3 warm-up rounds, then the best of 5). */
  private static double direct(Predictor p, Matrix[] inputs) {
    int calls = 20_000_000;
    long acc = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long t = System.nanoTime();
      int i = 0;
      for (int k = 0; k < calls; k++) {
        acc = acc * 31 + p.predict(inputs[i]).size();
        if (++i == inputs.length) {
          i = 0;
        }
      }
      double ns = (double) (System.nanoTime() - t) / calls;
      if (round >= 3) {
        best = Math.min(best, ns);
      }
    }
    sink = acc; // so the loop cannot be dropped
    return best;
  }

  private record Jmh(double p50, double average, long samples) {}

  private static Jmh jmh() {
    Path log;
    try {
      log = Files.createTempFile("mlops-harness-jmh-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.err.println("JMH running (about 20 s); its log: " + log);
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    Options opt = new OptionsBuilder().include(LogisticPredictorBench.class.getName().replace(".", "\\.")
        + "\\.predict$").mode(Mode.SampleTime).mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS).forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
        .measurementTime(TimeValue.seconds(1)).jvmArgs(jvmArgs.toArray(new String[0])).output(log.toString())
        .build();
    Collection<RunResult> results;
    try {
      results = new Runner(opt).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed; see " + log, e);
    }
    double p50 = Double.NaN;
    double avg = Double.NaN;
    long samples = 0;
    for (RunResult r : results) {
      Statistics s = r.getPrimaryResult().getStatistics();
      if (r.getParams().getMode() == Mode.SampleTime) {
        p50 = s.getPercentile(50);
        samples = s.getN();
      } else if (r.getParams().getMode() == Mode.AverageTime) {
        avg = r.getPrimaryResult().getScore();
      }
    }
    if (Double.isNaN(p50)) {
      throw new IllegalStateException("JMH returned no SampleTime result; see " + log);
    }
    return new Jmh(p50, avg, samples);
  }

  /** Returns the same pre-built prediction at once. */
  private static final class Noop implements Predictor {
    private static final Framework JAVA = new Framework("Java", System.getProperty("java.version"));
    private final Predictions one = Predictions.classes(LogisticPredictor.LABELS, new int[] {0}, null);

    @Override
    public Predictions predict(Matrix features) {
      return one;
    }

    @Override
    public String name() {
      return "no-op";
    }

    @Override
    public Framework framework() {
      return JAVA;
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<String> labels() {
      return LogisticPredictor.LABELS;
    }
  }
}
