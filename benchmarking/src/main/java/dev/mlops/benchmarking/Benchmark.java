package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.Provenance;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs several predictors on the same data and measures accuracy (every metric with a seeded bootstrap interval,
 * paired tests between predictors) and performance (the {@link Scenario}s given), with load time, first-prediction
 * time and model size, into a {@link BenchmarkReport}.
 *
 * <pre>{@code
 * BenchmarkReport report = Benchmark.builder("breast-cancer")
 *     .data(test)                                                     // LabeledData
 *     .predictor("tribuo-lr", () -> TribuoPredictor.classifier("tribuo-lr", model))   // timed load
 *     .predictor("onnx-lr", () -> OnnxPredictor.open(file, options))
 *     .scenarios(Scenario.singleStream(), Scenario.offline(1, 64, 512))
 *     .runOptions(RunOptions.defaults().withMinDuration(Duration.ofSeconds(2)))
 *     .bootstrap(1000, 0.95)
 *     .seed(7)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Predictors are loaded, measured and closed one at a time, in the order given, so one's memory does not
 * disturb another's figures.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Benchmark {
  private final String name;
  private final LabeledData data;
  private final List<Entry> predictors;
  private final List<Scenario> scenarios;
  private final RunOptions options;
  private final int resamples;
  private final double level;
  private final long seed;
  private final Clock clock;
  private final BenchmarkListener listener;

  private record Entry(String name, Supplier<? extends Predictor> loader) {}

  private Benchmark(Builder b) {
    this.name = b.name;
    this.data = b.data;
    this.predictors = List.copyOf(b.predictors);
    this.scenarios = List.copyOf(b.scenarios);
    this.options = b.options;
    this.resamples = b.resamples;
    this.level = b.level;
    this.seed = b.seed;
    this.clock = b.clock;
    this.listener = b.listener;
  }

  /** A new benchmark named {@code name} (a file-name-safe name: it keys the report's history). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Runs every predictor and returns the report. */
  public BenchmarkReport run() {
    Matrix firstRow = data.rows(new int[] {0}).features();
    List<BenchmarkReport.PredictorResult> results = new ArrayList<>();
    Map<String, Predictions> predictions = new LinkedHashMap<>();
    Map<String, String> frameworks = new LinkedHashMap<>();
    for (Entry e : predictors) {
      listener.event("loading " + e.name());
      try (Loaded<Predictor> loaded = Predictors.load(e.name(), e.loader()::get, firstRow)) {
        Predictor p = loaded.predictor();
        if (p.task() != data.task()) {
          throw new ValidationException("predictor '" + e.name() + "' is a " + p.task() + " model but the data '"
              + data.name() + "' is " + data.task());
        }
        frameworks.put(p.framework().name(), p.framework().version());
        listener.event("predicting " + data.size() + " rows with " + e.name());
        Predictions out = p.predict(data.features());
        predictions.put(e.name(), out);
        Map<String, BenchmarkReport.MetricValue> metrics = new LinkedHashMap<>();
        Bootstrap.intervals(data, out, resamples, level, seed).forEach((metric, iv) -> metrics.put(metric,
            new BenchmarkReport.MetricValue(iv.estimate(), iv.lower(), iv.upper(), iv.level(), iv.resamples(),
                Metric.byName(metric).higherIsBetter())));
        List<PerformanceResult> perf = new ArrayList<>();
        for (Scenario s : scenarios) {
          listener.event("measuring " + e.name() + ": " + s);
          perf.add(PerformanceRunner.run(p, data, s, options));
        }
        LoadStats st = loaded.stats();
        results.add(new BenchmarkReport.PredictorResult(e.name(), p.framework(), p.task(), st.load().toNanos(),
            st.firstPrediction().toNanos(), st.sizeBytes().isPresent() ? st.sizeBytes().getAsLong() : null, metrics,
            BenchmarkReport.SamplePredictions.of(out), perf));
      }
    }
    List<BenchmarkReport.PairResult> pairs = new ArrayList<>();
    List<String> names = new ArrayList<>(predictions.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        pairs.add(compare(names.get(i), names.get(j), predictions));
      }
    }
    return new BenchmarkReport(BenchmarkReport.FORMAT, BenchmarkReport.VERSION, name, clock.instant(),
        Provenance.currentLibraryVersion(), Environment.current(frameworks), BenchmarkReport.DataInfo.of(data),
        results, pairs);
  }

  private BenchmarkReport.PairResult compare(String a, String b, Map<String, Predictions> predictions) {
    Predictions pa = predictions.get(a);
    Predictions pb = predictions.get(b);
    List<PairedComparison.Difference> diffs = new ArrayList<>();
    List<String> metrics = data.task() == Task.CLASSIFICATION ? List.of("accuracy", "f1_macro")
        : List.of("rmse", "mae");
    for (String m : metrics) {
      diffs.add(PairedComparison.bootstrapDifference(data, pa, pb, m, resamples, level, seed));
    }
    PairedComparison.McNemar mc = data.task() == Task.CLASSIFICATION ? PairedComparison.mcNemar(data, pa, pb) : null;
    return new BenchmarkReport.PairResult(a, b, mc, diffs);
  }

  /**
   * Progress of a running benchmark (loading, predicting, measuring): console, logger or nothing.
   *
   * <p>Stability: experimental.
   */
  @FunctionalInterface
  public interface BenchmarkListener {
    /** One step started. */
    void event(String what);

    /** A listener that ignores everything. */
    static BenchmarkListener none() {
      return what -> { };
    }

    /** A listener that logs through slf4j at INFO. */
    static BenchmarkListener logger() {
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Benchmark.class);
      return what -> log.info("{}", what);
    }

    /** A listener that prints to {@code out}. */
    static BenchmarkListener console(java.io.PrintStream out) {
      return what -> out.println("  " + what);
    }
  }

  /**
   * Builds a {@link Benchmark}; data and at least one predictor are required, an option set twice is an error.
   *
   * <p>Stability: experimental.
   */
  public static final class Builder {
    private final String name;
    private LabeledData data;
    private final List<Entry> predictors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private List<Scenario> scenarios = List.of(Scenario.singleStream(), Scenario.offline(1, 64, 1024));
    private RunOptions options = RunOptions.defaults();
    private int resamples = 1000;
    private double level = 0.95;
    private long seed = 42;
    private Clock clock = Clock.systemUTC();
    private BenchmarkListener listener = BenchmarkListener.none();

    private Builder(String name) {
      if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
        throw new ValidationException("benchmark name '" + name + "' must be 1 to 100 letters, digits, '.', '_' or"
            + " '-', starting with a letter or digit (it names the report's history)");
      }
      this.name = name;
    }

    /** The data every predictor is measured on. */
    public Builder data(LabeledData data) {
      if (this.data != null) {
        throw new ValidationException("data is set twice");
      }
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    /** A predictor, loaded (and timed) when the benchmark runs, closed after it. */
    public Builder predictor(String name, Supplier<? extends Predictor> loader) {
      Objects.requireNonNull(loader, "loader");
      if (!names.add(name)) {
        throw new ValidationException("two predictors are named '" + name + "'");
      }
      predictors.add(new Entry(name, loader));
      return this;
    }

    /** A predictor already loaded (no load time in the report); the benchmark closes it when done. */
    public Builder predictor(Predictor predictor) {
      return predictor(predictor.name(), () -> predictor);
    }

    /** The performance scenarios (default: single-stream and offline at batch sizes 1, 64, 1024); none skips them. */
    public Builder scenarios(Scenario... scenarios) {
      this.scenarios = List.of(scenarios);
      return this;
    }

    /** Warm-up, duration and query-count options of the performance runs. */
    public Builder runOptions(RunOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Bootstrap resamples and confidence level of the metric intervals (default 1,000 and 0.95). */
    public Builder bootstrap(int resamples, double level) {
      Bootstrap.checkParameters(resamples, level);
      this.resamples = resamples;
      this.level = level;
      return this;
    }

    /** The seed of the bootstrap and the paired comparisons (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock that stamps the report (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Progress reports (default: none). */
    public Builder listener(BenchmarkListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The benchmark. */
    public Benchmark build() {
      if (data == null) {
        throw new ValidationException("benchmark '" + name + "' has no data; call data(labeledData)");
      }
      if (predictors.isEmpty()) {
        throw new ValidationException("benchmark '" + name + "' has no predictor; add one with predictor(...)");
      }
      return new Benchmark(this);
    }
  }
}
