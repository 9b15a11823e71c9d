package dev.mlops.benchmarking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.core.Json;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.Sha256;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a {@link Benchmark}: versioned JSON ({@value #FORMAT} version {@value #VERSION}) keeping what a
 * later comparison needs: the environment fingerprint, the data's hash, per predictor its load figures, every
 * metric with its bootstrap interval, the per-sample predictions, and every performance run with its raw latency
 * histogram; plus paired comparisons between predictors.
 *
 * <pre>{@code
 * BenchmarkReport r = Benchmark.builder("cancer").data(test).predictor(...).build().run();
 * String json = r.toJson();
 * BenchmarkReport back = BenchmarkReport.fromJson(json);
 * r.predictor("tribuo-lr").metrics().get("accuracy").estimate();
 * }</pre>
 *
 * @param format always {@value #FORMAT}
 * @param version the format version
 * @param name the benchmark's name
 * @param createdAt when it ran
 * @param library the library version that ran it
 * @param environment where it ran
 * @param data what it ran on
 * @param predictors one result per predictor, in the order given
 * @param comparisons paired comparisons of every pair of classifiers (or regressors)
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record BenchmarkReport(String format, int version, String name, Instant createdAt, String library,
    Environment environment, DataInfo data, List<PredictorResult> predictors, List<PairResult> comparisons) {
  /** The format's name. */
  public static final String FORMAT = "mlops-benchmark-report";
  /** The format version written. */
  public static final int VERSION = 1;

  /** Checks. */
  public BenchmarkReport {
    if (!FORMAT.equals(format)) {
      throw new ValidationException("not a benchmark report: format is '" + format + "', expected '" + FORMAT + "'");
    }
    if (version != VERSION) {
      throw new ValidationException("benchmark report version " + version + " is not readable by this library ("
          + VERSION + ")");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(data, "data");
    predictors = List.copyOf(predictors);
    comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
  }

  /** The result of the predictor named {@code name}. */
  public PredictorResult predictor(String name) {
    return predictors.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
        () -> new ValidationException("the report has no predictor '" + name + "'; it has "
            + predictors.stream().map(PredictorResult::name).toList()));
  }

  /** The report as JSON (pretty-printed, stable key order). */
  public String toJson() {
    return Json.toPrettyJson(this);
  }

  /** A one-line summary; {@link #toJson()} has everything. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("BenchmarkReport[").append(name).append(", ").append(createdAt).append(", ")
        .append(data.name()).append(" (").append(data.rows()).append(" rows)");
    for (PredictorResult p : predictors) {
      MetricValue main = p.metrics().get(data.task() == Task.CLASSIFICATION ? "accuracy" : "rmse");
      b.append(", ").append(p.name()).append(main == null ? "" : String.format(java.util.Locale.ROOT, " %s %.4g",
          data.task() == Task.CLASSIFICATION ? "accuracy" : "rmse", main.estimate()));
    }
    return b.append(']').toString();
  }

  /**
   * The SHA-256 of {@link #toJson()} in UTF-8: the report's content id (what {@link ModelBenchmarks} stores it
   * under).
   */
  public String sha256() {
    return Sha256.ofUtf8(toJson());
  }

  /**
   * The report as GitHub-flavoured Markdown: environment, data, accuracy with intervals, load, latency per
   * scenario, paired comparisons and notes. Every name is escaped; the output depends only on the report.
   *
   * <pre>{@code
   * Files.writeString(Path.of("report.md"), report.toMarkdown());
   * }</pre>
   */
  public String toMarkdown() {
    return MarkdownReport.render(this);
  }

  /**
   * The report as one self-contained HTML page: the tables of {@link #toMarkdown()} plus SVG charts (accuracy
   * intervals, latency percentiles, offline throughput by batch size), inline CSS, no script, nothing loaded from
   * anywhere. Every name is escaped; the output depends only on the report (no time but {@link #createdAt()}).
   *
   * <pre>{@code
   * Files.writeString(Path.of("report.html"), report.toHtml());
   * }</pre>
   */
  public String toHtml() {
    return HtmlReport.render(this);
  }

  /**
   * Stores this report with a model version and tags the version with its headline figures: see
   * {@link ModelBenchmarks#attach(ModelStore, String, int, BenchmarkReport)}.
   *
   * <pre>{@code
   * report.attachTo(store, "churn", 3);
   * }</pre>
   *
   * @return the version with its new tags
   */
  public ModelVersion attachTo(ModelStore store, String model, int version) {
    return ModelBenchmarks.attach(store, model, version, this);
  }

  /** Reads a report written by {@link #toJson()}. */
  public static BenchmarkReport fromJson(String json) {
    return Json.parse(json, BenchmarkReport.class, "benchmark report");
  }

  /**
   * The data a benchmark ran on.
   *
   * @param name its name
   * @param rows rows
   * @param features feature columns
   * @param task the task
   * @param labels the class labels (classification)
   * @param sha256 {@link LabeledData#sha256()}
   */
  public record DataInfo(String name, int rows, int features, Task task, List<String> labels, String sha256) {
    static DataInfo of(LabeledData d) {
      return new DataInfo(d.name(), d.size(), d.features().cols(), d.task(), d.labels(), d.sha256());
    }
  }

  /**
   * One predictor's results.
   *
   * @param name the predictor's name
   * @param framework its framework
   * @param task the task
   * @param loadNanos how long loading took (null when the predictor was given loaded)
   * @param firstPredictionNanos the first prediction's time (null when not measured)
   * @param sizeBytes the model's size (null when unknown)
   * @param metrics every metric with its bootstrap interval, by metric id
   * @param predictions the predictions for every sample, in data order
   * @param performance one result per scenario
   */
  public record PredictorResult(String name, Framework framework, Task task, Long loadNanos,
      Long firstPredictionNanos, Long sizeBytes, Map<String, MetricValue> metrics, SamplePredictions predictions,
      List<PerformanceResult> performance) {
    /** Copies. */
    public PredictorResult {
      metrics = Map.copyOf(metrics);
      performance = List.copyOf(performance);
    }

    /** The first performance result of the scenario type {@code type} ("single_stream", "offline", "server"). */
    public PerformanceResult performance(Class<? extends Scenario> type) {
      return performance.stream().filter(p -> type.isInstance(p.scenario())).findFirst().orElseThrow(
          () -> new ValidationException("predictor '" + name + "' has no " + type.getSimpleName() + " result"));
    }
  }

  /**
   * A metric's value and bootstrap interval; null for a value that is undefined (NaN).
   *
   * @param estimate the value on all the data
   * @param lower the interval's lower end
   * @param upper the interval's upper end
   * @param level the confidence level
   * @param resamples the resamples where it was defined
   * @param higherIsBetter the metric's direction
   */
  public record MetricValue(@JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class)
      double estimate, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double lower,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double upper, double level,
      int resamples, boolean higherIsBetter) {}

  /**
   * The predictions per sample, for later paired comparisons against another run.
   *
   * @param labels class labels, in the order of class indexes (classification)
   * @param classes the predicted class per sample (classification)
   * @param probabilities row-major class probabilities, when the predictor gives them
   * @param values the predicted values (regression)
   */
  public record SamplePredictions(List<String> labels, int[] classes, double[] probabilities, double[] values) {
    static SamplePredictions of(Predictions p) {
      return new SamplePredictions(p.labels(), p.classes(), p.probabilities(), p.values());
    }

    /** Back to {@link Predictions}. */
    @JsonIgnore
    public Predictions toPredictions() {
      return classes != null ? Predictions.classes(labels, classes, probabilities) : Predictions.values(values);
    }
  }

  /**
   * Two predictors compared on the same samples.
   *
   * @param a the first predictor
   * @param b the second
   * @param mcNemar McNemar's test on which samples each got right (classification), or null
   * @param differences paired bootstrap differences (a - b) of the main metrics
   */
  public record PairResult(String a, String b, PairedComparison.McNemar mcNemar,
      List<PairedComparison.Difference> differences) {}
}
