package dev.mlops.benchmarking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Markdown and HTML renderings of a {@link BenchmarkReport} share: which metrics are headline ones, how
 * scenarios are grouped and named, and how numbers are written (always {@link Locale#ROOT}, so the output is the
 * same on every machine).
 */
final class ReportFacts {
  /** Shown in the accuracy table and tagged on model versions, in this order, when the report has them. */
  static final List<String> CLASSIFICATION_METRICS = List.of("accuracy", "balanced_accuracy", "f1_macro", "roc_auc",
      "roc_auc_ovr_macro", "log_loss");
  static final List<String> REGRESSION_METRICS = List.of("rmse", "mae", "r2", "mape");
  static final String NA = "n/a";

  private ReportFacts() {}

  /** The headline metrics that at least one predictor of the report has. */
  static List<String> mainMetrics(BenchmarkReport r) {
    List<String> candidates = r.data().task() == Task.REGRESSION ? REGRESSION_METRICS : CLASSIFICATION_METRICS;
    List<String> out = new ArrayList<>();
    for (String m : candidates) {
      if (r.predictors().stream().anyMatch(p -> p.metrics().containsKey(m))) {
        out.add(m);
      }
    }
    return out;
  }

  /** The confidence level of the report's intervals (of its first metric), or NaN when it has none. */
  static double level(BenchmarkReport r) {
    return r.predictors().stream().flatMap(p -> p.metrics().values().stream()).mapToDouble(
        BenchmarkReport.MetricValue::level).findFirst().orElse(Double.NaN);
  }

  /**
   * A predictor's result in one scenario.
   *
   * @param predictor the predictor's name in the report
   * @param result its result
   */
  record Run(String predictor, PerformanceResult result) {}

  /** Every distinct scenario in order of first appearance, with each predictor's result for it. */
  static Map<Scenario, List<Run>> byScenario(BenchmarkReport r) {
    Map<Scenario, List<Run>> out = new LinkedHashMap<>();
    for (BenchmarkReport.PredictorResult p : r.predictors()) {
      for (PerformanceResult pr : p.performance()) {
        out.computeIfAbsent(pr.scenario(), s -> new ArrayList<>()).add(new Run(p.name(), pr));
      }
    }
    return out;
  }

  /** A reader's name for a scenario: "single stream", "server (2000 queries/s, 4 threads)", "offline". */
  static String scenarioTitle(Scenario s) {
    if (s instanceof Scenario.SingleStream) {
      return "single stream";
    }
    if (s instanceof Scenario.Server server) {
      return "server (" + number(server.targetQps()) + " queries/s, " + server.threads() + " threads)";
    }
    return "offline (batch sizes " + ((Scenario.Offline) s).batchSizes().stream().map(String::valueOf)
        .reduce((a, b) -> a + ", " + b).orElse("") + ")";
  }

  /** The single-stream result of {@code p}, or null. */
  static PerformanceResult singleStream(BenchmarkReport.PredictorResult p) {
    return p.performance().stream().filter(x -> x.scenario() instanceof Scenario.SingleStream).findFirst()
        .orElse(null);
  }

  /** The first offline result of {@code p}, or null. */
  static PerformanceResult offline(BenchmarkReport.PredictorResult p) {
    return p.performance().stream().filter(x -> x.scenario() instanceof Scenario.Offline).findFirst().orElse(null);
  }

  /** A metric value: 3 decimals, 3 significant digits under 0.01, "n/a" for NaN. */
  static String metric(double v) {
    if (Double.isNaN(v)) {
      return NA;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a != 0 && a < 0.01) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** "0.962 [0.947, 0.975]"; just the estimate when the interval is undefined. */
  static String withInterval(double estimate, double lower, double upper) {
    if (Double.isNaN(estimate)) {
      return NA;
    }
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      return metric(estimate);
    }
    return metric(estimate) + " [" + metric(lower) + ", " + metric(upper) + "]";
  }

  /** Nanoseconds as microseconds: 2 decimals under 10, 1 under 100, none above. */
  static String micros(double nanos) {
    if (Double.isNaN(nanos)) {
      return NA;
    }
    double us = nanos / 1000.0;
    if (us < 10) {
      return String.format(Locale.ROOT, "%.2f", us);
    }
    if (us < 100) {
      return String.format(Locale.ROOT, "%.1f", us);
    }
    return String.format(Locale.ROOT, "%,.0f", us);
  }

  /** Nanoseconds as milliseconds, 2 decimals; "n/a" for null. */
  static String millis(Long nanos) {
    return nanos == null ? NA : String.format(Locale.ROOT, "%,.2f", nanos / 1e6);
  }

  /** A rate or count: grouped digits, no decimals (one decimal under 100). */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return NA;
    }
    return Math.abs(v) < 100 && v != Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** Bytes in binary units: "312 B", "1.5 KiB", "12.0 MiB"; "n/a" for NaN or null. */
  static String bytes(Double b) {
    if (b == null || Double.isNaN(b)) {
      return NA;
    }
    double v = b;
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** A p-value: 3 significant digits, "< 1e-12" below that. */
  static String pValue(double p) {
    if (Double.isNaN(p)) {
      return NA;
    }
    if (p < 1e-12) {
      return "< 1e-12";
    }
    return p < 0.001 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.3f", p);
  }

  /** The first 12 hex digits of a digest, or "n/a". */
  static String shortSha(String sha) {
    return sha == null ? NA : sha.substring(0, Math.min(12, sha.length()));
  }

  /** "95%" for 0.95. */
  static String percent(double level) {
    if (Double.isNaN(level)) {
      return NA;
    }
    double pct = level * 100;
    return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct) : String.format(Locale.ROOT, "%s", pct))
        + "%";
  }

  /** "name version" pairs of the environment's libraries, sorted by name. */
  static String libraries(Environment env) {
    return env.libraries().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(NA);
  }

  /** Readable notes: what the figures mean and anything a reader should distrust. */
  static List<String> notes(BenchmarkReport r) {
    List<String> notes = new ArrayList<>();
    double level = level(r);
    if (!Double.isNaN(level)) {
      notes.add("Intervals are " + percent(level) + " percentile bootstrap intervals over the test rows; paired "
          + "differences resample the same rows for both predictors.");
    }
    notes.add("Latencies come from HdrHistogram (3 significant digits) and are per query; offline latencies are "
        + "per batch. Allocation is bytes allocated per predicted row, harness included.");
    notes.add("n/a marks a figure that is undefined (for example ROC AUC without probabilities) or not measured.");
    for (BenchmarkReport.PredictorResult p : r.predictors()) {
      for (PerformanceResult pr : p.performance()) {
        if (!pr.warmup().steady() && pr.warmup().windows() > 0) {
          notes.add("Warm-up of '" + p.name() + "' (" + scenarioTitle(pr.scenario()) + ") did not reach a steady "
              + "latency within its limit; its figures may include JIT compilation.");
        }
        if (pr.overBound() > 0) {
          notes.add("'" + p.name() + "' (" + scenarioTitle(pr.scenario()) + "): " + pr.overBound()
              + " queries exceeded the latency bound.");
        }
      }
    }
    return notes;
  }
}
