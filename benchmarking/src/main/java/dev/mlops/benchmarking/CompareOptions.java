package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The thresholds and tests of {@link Comparison#compare}. A change counts as a regression (or improvement) only
 * when it is both larger than the minimum effect <em>and</em> statistically significant at {@code alpha}: the
 * effect size keeps tiny real changes from failing a build, the test keeps noise from doing so (as asv's
 * {@code factor} plus Mann-Whitney, and Bencher's thresholds).
 *
 * <pre>{@code
 * CompareOptions o = CompareOptions.defaults().withLatencyThreshold(0.2).withAlpha(0.001);
 * CompareOptions p = CompareOptions.builder().checks(CompareOptions.Check.ACCURACY)
 *     .metricThreshold("f1_macro", 0.02).build();
 * }</pre>
 *
 * @param latencyThreshold the smallest relative latency rise that counts, above 0 (0.10: +10%); a fall of the
 *     same size ({@code 1 - 1/(1 + t)}) counts as an improvement
 * @param throughputThreshold the smallest relative throughput fall that counts, in (0, 1) (0.10: -10%)
 * @param accuracyThreshold the smallest absolute change that counts for metrics in [0, 1] (accuracy, F1, AUC...)
 * @param errorThreshold the smallest relative change that counts for the other metrics (log loss, RMSE, MAE, MAPE,
 *     R2), relative to the baseline's value
 * @param metricThresholds absolute minimum effects per metric id, overriding the two above
 * @param metrics the metric ids to check; empty: accuracy, balanced accuracy, F1 macro, ROC AUC and log loss for
 *     classification, RMSE, MAE and R2 for regression (those the reports define)
 * @param alpha the significance level of every test, in (0, 0.5)
 * @param checks which kinds of check run
 * @param resamples the bootstrap resamples of the p99 ratio, at least 100
 * @param seed the bootstrap's seed
 * @param strictTail whether a p99 regression counts when the median did not regress too; by default (false) it is
 *     INCONCLUSIVE: the test sees the noise within one run, not how much a busy machine moves the slowest 1% of
 *     queries between two runs, which is often far more than 10%
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record CompareOptions(double latencyThreshold, double throughputThreshold, double accuracyThreshold,
    double errorThreshold, Map<String, Double> metricThresholds, List<String> metrics, double alpha,
    Set<Check> checks, int resamples, long seed, boolean strictTail) {

  /** The kinds of check. */
  public enum Check {
    /** Metrics of every predictor in both reports. */
    ACCURACY,
    /** Single-stream p50 (Mann-Whitney) and p99 (bootstrap of the ratio). */
    LATENCY,
    /** Offline best rows per second (Mann-Whitney on per-row times of the best batch size). */
    THROUGHPUT,
    /** Server scenario p99 (bootstrap of the ratio). */
    SERVER
  }

  private static final CompareOptions DEFAULTS = new CompareOptions(0.10, 0.10, 0.01, 0.05, Map.of(), List.of(),
      0.01, EnumSet.allOf(Check.class), 2000, 42, false);

  /** Checks every option; the message names it, its value and the allowed range. */
  public CompareOptions {
    if (!(latencyThreshold > 0) || latencyThreshold > 100) {
      throw new ValidationException("latencyThreshold is " + latencyThreshold
          + "; it must be above 0 (0.1 means +10%) and at most 100");
    }
    if (!(throughputThreshold > 0 && throughputThreshold < 1)) {
      throw new ValidationException("throughputThreshold is " + throughputThreshold
          + "; it must be above 0 and below 1 (0.1 means -10%)");
    }
    if (!(accuracyThreshold >= 0 && accuracyThreshold < 1)) {
      throw new ValidationException("accuracyThreshold is " + accuracyThreshold
          + "; it must be at least 0 and below 1 (0.01 means one percentage point)");
    }
    if (!(errorThreshold >= 0) || errorThreshold > 100) {
      throw new ValidationException("errorThreshold is " + errorThreshold + "; it must be 0 to 100 (0.05 means 5%)");
    }
    metricThresholds = Map.copyOf(metricThresholds);
    metricThresholds.forEach((m, t) -> {
      Metric.byName(m);
      if (!(t >= 0)) {
        throw new ValidationException("threshold of metric '" + m + "' is " + t + "; it must be at least 0");
      }
    });
    metrics = List.copyOf(metrics);
    metrics.forEach(Metric::byName);
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new ValidationException("alpha is " + alpha + "; it must be above 0 and below 0.5 (e.g. 0.01)");
    }
    Objects.requireNonNull(checks, "checks");
    checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
    if (resamples < 100) {
      throw new ValidationException("resamples is " + resamples + "; it must be at least 100");
    }
  }

  /** +10% latency, -10% throughput, 0.01 absolute for [0, 1] metrics, 5% for others, alpha 0.01, every check. */
  public static CompareOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** These options with another latency threshold. */
  public CompareOptions withLatencyThreshold(double t) {
    return toBuilder().latencyThreshold(t).build();
  }

  /** These options with another throughput threshold. */
  public CompareOptions withThroughputThreshold(double t) {
    return toBuilder().throughputThreshold(t).build();
  }

  /** These options with another accuracy threshold. */
  public CompareOptions withAccuracyThreshold(double t) {
    return toBuilder().accuracyThreshold(t).build();
  }

  /** These options with another alpha. */
  public CompareOptions withAlpha(double alpha) {
    return toBuilder().alpha(alpha).build();
  }

  /** These options running only {@code checks}. */
  public CompareOptions withChecks(Check... checks) {
    return toBuilder().checks(checks).build();
  }

  /** These options with another seed. */
  public CompareOptions withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** These options with {@link #strictTail()} set. */
  public CompareOptions withStrictTail(boolean strict) {
    return toBuilder().strictTail(strict).build();
  }

  /** The minimum effect of {@code metric}: absolute, or relative to {@code baseline} for unbounded metrics. */
  double minEffect(Metric metric, double baseline) {
    Double t = metricThresholds.get(metric.id());
    if (t != null) {
      return t;
    }
    return bounded(metric) ? accuracyThreshold : errorThreshold * Math.abs(baseline);
  }

  static boolean bounded(Metric m) {
    return switch (m) {
      case LOG_LOSS, MAE, RMSE, MAPE, R2 -> false;
      default -> true;
    };
  }

  /** Builds {@link CompareOptions}; {@link #build()} checks them. */
  public static final class Builder {
    private double latencyThreshold;
    private double throughputThreshold;
    private double accuracyThreshold;
    private double errorThreshold;
    private final Map<String, Double> metricThresholds;
    private List<String> metrics;
    private double alpha;
    private Set<Check> checks;
    private int resamples;
    private long seed;
    private boolean strictTail;

    private Builder(CompareOptions o) {
      latencyThreshold = o.latencyThreshold;
      throughputThreshold = o.throughputThreshold;
      accuracyThreshold = o.accuracyThreshold;
      errorThreshold = o.errorThreshold;
      metricThresholds = new java.util.TreeMap<>(o.metricThresholds);
      metrics = o.metrics;
      alpha = o.alpha;
      checks = o.checks;
      resamples = o.resamples;
      seed = o.seed;
      strictTail = o.strictTail;
    }

    /** See {@link CompareOptions#latencyThreshold()}. */
    public Builder latencyThreshold(double v) {
      latencyThreshold = v;
      return this;
    }

    /** See {@link CompareOptions#throughputThreshold()}. */
    public Builder throughputThreshold(double v) {
      throughputThreshold = v;
      return this;
    }

    /** See {@link CompareOptions#accuracyThreshold()}. */
    public Builder accuracyThreshold(double v) {
      accuracyThreshold = v;
      return this;
    }

    /** See {@link CompareOptions#errorThreshold()}. */
    public Builder errorThreshold(double v) {
      errorThreshold = v;
      return this;
    }

    /** The absolute minimum effect of one metric. */
    public Builder metricThreshold(String metric, double v) {
      metricThresholds.put(metric, v);
      return this;
    }

    /** See {@link CompareOptions#metrics()}. */
    public Builder metrics(String... ids) {
      metrics = List.of(ids);
      return this;
    }

    /** See {@link CompareOptions#alpha()}. */
    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    /** See {@link CompareOptions#checks()}. */
    public Builder checks(Check... v) {
      checks = v.length == 0 ? Set.of() : EnumSet.copyOf(List.of(v));
      return this;
    }

    /** See {@link CompareOptions#resamples()}. */
    public Builder resamples(int v) {
      resamples = v;
      return this;
    }

    /** See {@link CompareOptions#seed()}. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** See {@link CompareOptions#strictTail()}. */
    public Builder strictTail(boolean v) {
      strictTail = v;
      return this;
    }

    /** The options. */
    public CompareOptions build() {
      return new CompareOptions(latencyThreshold, throughputThreshold, accuracyThreshold, errorThreshold,
          metricThresholds, metrics, alpha, checks, resamples, seed, strictTail);
    }
  }
}
