package dev.mlops.benchmarking;

import dev.mlops.benchmarking.CompareOptions.Check;
import dev.mlops.benchmarking.Comparison.CheckResult;
import dev.mlops.benchmarking.Comparison.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The checks behind {@link Comparison#compare}. Not API. */
final class Comparer {
  private static final List<String> CLASSIFICATION = List.of("accuracy", "balanced_accuracy", "f1_macro", "roc_auc",
      "log_loss");
  private static final List<String> REGRESSION = List.of("rmse", "mae", "r2");

  private final BenchmarkReport current;
  private final BenchmarkReport baseline;
  private final CompareOptions o;
  private final List<String> envDiffs;
  private final List<CheckResult> out = new ArrayList<>();

  Comparer(BenchmarkReport current, BenchmarkReport baseline, CompareOptions options) {
    this.current = Objects.requireNonNull(current, "current");
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.o = Objects.requireNonNull(options, "options");
    this.envDiffs = current.environment().comparableTo(baseline.environment());
  }

  Comparison run() {
    for (BenchmarkReport.PredictorResult b : baseline.predictors()) {
      Optional<BenchmarkReport.PredictorResult> c = current.predictors().stream()
          .filter(p -> p.name().equals(b.name())).findFirst();
      if (c.isEmpty()) {
        out.add(new CheckResult(Check.ACCURACY, b.name(), "predictor", Double.NaN, Double.NaN, "", "none",
            Double.NaN, Verdict.INCONCLUSIVE, b.name() + ": in the baseline but not in the current report"));
        continue;
      }
      if (o.checks().contains(Check.ACCURACY)) {
        accuracy(c.get(), b);
      }
      if (o.checks().contains(Check.LATENCY)) {
        singleStream(c.get(), b);
      }
      if (o.checks().contains(Check.THROUGHPUT)) {
        offline(c.get(), b);
      }
      if (o.checks().contains(Check.SERVER)) {
        server(c.get(), b);
      }
    }
    Verdict overall = Verdict.PASS;
    if (out.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED)) {
      overall = Verdict.REGRESSED;
    } else if (out.stream().anyMatch(r -> r.verdict() == Verdict.INCONCLUSIVE)) {
      overall = Verdict.INCONCLUSIVE;
    } else if (out.stream().anyMatch(r -> r.verdict() == Verdict.IMPROVED)) {
      overall = Verdict.IMPROVED;
    }
    return new Comparison(current.name(), current.createdAt(), baseline.createdAt(), overall, out, envDiffs);
  }

  // ---------------------------------------------------------------- accuracy

  private void accuracy(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b) {
    String cs = current.data().sha256();
    String bs = baseline.data().sha256();
    if (!Objects.equals(cs, bs)) {
      out.add(new CheckResult(Check.ACCURACY, b.name(), "metrics", Double.NaN, Double.NaN, "", "none", Double.NaN,
          Verdict.INCONCLUSIVE, b.name() + " metrics: not compared, the data differs (sha256 " + shortSha(cs)
          + " '" + current.data().name() + "' vs " + shortSha(bs) + " '" + baseline.data().name()
          + "'); run both on the same data"));
      return;
    }
    List<String> metrics = !o.metrics().isEmpty() ? o.metrics()
        : b.task() == Task.REGRESSION ? REGRESSION : CLASSIFICATION;
    for (String id : metrics) {
      BenchmarkReport.MetricValue cv = c.metrics().get(id);
      BenchmarkReport.MetricValue bv = b.metrics().get(id);
      if (cv == null || bv == null || (Double.isNaN(cv.estimate()) && Double.isNaN(bv.estimate()))) {
        continue;
      }
      metric(c, b, Metric.byName(id), cv, bv);
    }
  }

  private void metric(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b, Metric m,
      BenchmarkReport.MetricValue cv, BenchmarkReport.MetricValue bv) {
    String head = b.name() + " " + m.id() + ": " + Fmt.value(cv.estimate(), "") + " vs " + Fmt.value(bv.estimate(), "");
    if (Double.isNaN(cv.estimate()) || Double.isNaN(bv.estimate())) {
      out.add(new CheckResult(Check.ACCURACY, b.name(), m.id(), bv.estimate(), cv.estimate(), "", "none", Double.NaN,
          Verdict.INCONCLUSIVE, head + " (undefined in one report)"));
      return;
    }
    double diff = cv.estimate() - bv.estimate();
    double worse = m.higherIsBetter() ? -diff : diff;
    double min = o.minEffect(m, bv.estimate());
    double p = Double.NaN;
    String test;
    boolean significant;
    long[] mc = m == Metric.ACCURACY ? discordant(c, b) : null;
    if (mc != null) {
      PairedComparison.McNemar t = PairedComparison.mcNemar(mc[0], mc[1], mc[0] + mc[1] < PairedComparison.EXACT_BELOW);
      p = t.pValue();
      significant = p < o.alpha();
      test = "McNemar " + Fmt.p(p) + " (" + mc[1] + " rows newly right, " + mc[0] + " newly wrong)";
    } else {
      significant = !(cv.lower() <= bv.estimate() && bv.estimate() <= cv.upper());
      test = String.format(Locale.ROOT, "%.0f%% bootstrap interval [%.4f, %.4f] %s the baseline", 100 * cv.level(),
          cv.lower(), cv.upper(), significant ? "excludes" : "contains");
    }
    Verdict v = Verdict.PASS;
    if (worse > min && significant) {
      v = Verdict.REGRESSED;
    } else if (-worse > min && significant) {
      v = Verdict.IMPROVED;
    }
    String reason = head + " (" + String.format(Locale.ROOT, "%+.4f", diff) + ", " + test + ", threshold "
        + String.format(Locale.ROOT, "%.4f", min) + (v == Verdict.PASS && Math.abs(worse) > min ? ": not significant"
        : "") + ")";
    out.add(new CheckResult(Check.ACCURACY, b.name(), m.id(), bv.estimate(), cv.estimate(), "", test, p, v, reason));
  }

  /**
   * McNemar's discordant counts {b: rows baseline right and current wrong, c: current right and baseline wrong},
   * from the reports alone: {@code c - b} is the change in rows right, and every row where the predictions differ
   * is discordant for two classes (one of two different labels is the truth); for more classes such a row may be
   * wrong in both, and taking them all as discordant only lowers the statistic (a conservative p). Null when the
   * reports lack per-sample classes on the same labels.
   */
  private long[] discordant(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b) {
    BenchmarkReport.SamplePredictions pc = c.predictions();
    BenchmarkReport.SamplePredictions pb = b.predictions();
    if (pc == null || pb == null || pc.classes() == null || pb.classes() == null
        || pc.classes().length != pb.classes().length || !Objects.equals(pc.labels(), pb.labels())) {
      return null;
    }
    int n = pc.classes().length;
    long differ = 0;
    for (int i = 0; i < n; i++) {
      if (pc.classes()[i] != pb.classes()[i]) {
        differ++;
      }
    }
    long delta = Math.round(n * c.metrics().get("accuracy").estimate())
        - Math.round(n * b.metrics().get("accuracy").estimate());
    long sum = differ;
    if (pc.labels().size() > 2 && ((sum - delta) & 1) != 0) {
      sum--;
    }
    if (((sum - delta) & 1) != 0 || Math.abs(delta) > sum) {
      return null; // inconsistent with the reports' accuracies: fall back to the interval
    }
    return new long[] {(sum - delta) / 2, (sum + delta) / 2};
  }

  private static String shortSha(String sha) {
    return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
  }

  // ---------------------------------------------------------------- timings

  private static <T extends Scenario> Optional<PerformanceResult> perf(BenchmarkReport.PredictorResult p,
      Class<T> type) {
    return p.performance().stream().filter(r -> type.isInstance(r.scenario())).findFirst();
  }

  private void singleStream(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b) {
    Optional<PerformanceResult> cr = perf(c, Scenario.SingleStream.class);
    Optional<PerformanceResult> br = perf(b, Scenario.SingleStream.class);
    if (br.isEmpty()) {
      return;
    }
    if (cr.isEmpty()) {
      missing(Check.LATENCY, b.name(), "single_stream");
      return;
    }
    LatencyTests.Buckets hc = LatencyTests.Buckets.of(cr.get().histogram(), 1);
    LatencyTests.Buckets hb = LatencyTests.Buckets.of(br.get().histogram(), 1);
    LatencyTests.MannWhitney mw = LatencyTests.mannWhitney(hc, hb);
    Verdict median = latency(Check.LATENCY, b.name(), "single_stream p50", cr.get().latency().p50(),
        br.get().latency().p50(), mw.pGreater(), mw.pLess(), "Mann-Whitney", null);
    p99(Check.LATENCY, b.name(), "single_stream p99", cr.get(), br.get(), hc, hb, median);
  }

  private void server(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b) {
    Optional<PerformanceResult> cr = perf(c, Scenario.Server.class);
    Optional<PerformanceResult> br = perf(b, Scenario.Server.class);
    if (br.isEmpty()) {
      return;
    }
    if (cr.isEmpty()) {
      missing(Check.SERVER, b.name(), "server");
      return;
    }
    if (!cr.get().scenario().equals(br.get().scenario())) {
      add(Check.SERVER, b.name(), "server p99", br.get().latency().p99(), cr.get().latency().p99(), "ns", "none",
          Double.NaN, Verdict.INCONCLUSIVE, b.name() + " server p99: not compared, the load differs ("
          + cr.get().scenario() + " vs " + br.get().scenario() + ")");
      return;
    }
    LatencyTests.Buckets hc = LatencyTests.Buckets.of(cr.get().histogram(), 1);
    LatencyTests.Buckets hb = LatencyTests.Buckets.of(br.get().histogram(), 1);
    LatencyTests.MannWhitney mw = LatencyTests.mannWhitney(hc, hb);
    Verdict median = verdict(cr.get().latency().p50() / (double) br.get().latency().p50(), mw.pGreater(), mw.pLess());
    p99(Check.SERVER, b.name(), "server p99", cr.get(), br.get(), hc, hb, median);
  }

  private void p99(Check kind, String predictor, String subject, PerformanceResult cr, PerformanceResult br,
      LatencyTests.Buckets hc, LatencyTests.Buckets hb, Verdict median) {
    LatencyTests.QuantileRatio q = LatencyTests.quantileRatio(hc, hb, 0.99, o.alpha(), o.resamples(), o.seed());
    String interval = String.format(Locale.ROOT, "bootstrap ratio %.0f%% interval [%.2f, %.2f]",
        100 * (1 - 2 * o.alpha()), q.lower(), q.upper());
    latency(kind, predictor, subject, cr.latency().p99(), br.latency().p99(), q.pGreater(), q.pLess(), interval,
        o.strictTail() ? null : median);
  }

  private Verdict verdict(double ratio, double pGreater, double pLess) {
    double t = o.latencyThreshold();
    if (ratio > 1 + t && pGreater < o.alpha()) {
      return Verdict.REGRESSED;
    }
    if (ratio < 1 / (1 + t) && pLess < o.alpha()) {
      return Verdict.IMPROVED;
    }
    return Verdict.PASS;
  }

  /**
   * A latency figure: regressed when the rise passes the threshold and the one-sided test is significant. A tail
   * figure ({@code median} given) whose median did not move the same way is INCONCLUSIVE instead: a test within one
   * run cannot see how much a busy machine moves the slowest 1% from one run to the next.
   */
  private Verdict latency(Check kind, String predictor, String subject, double cur, double base, double pGreater,
      double pLess, String testName, Verdict median) {
    double ratio = cur / base;
    double t = o.latencyThreshold();
    Verdict v = verdict(ratio, pGreater, pLess);
    double p = v == Verdict.IMPROVED || (v == Verdict.PASS && ratio < 1) ? pLess : pGreater;
    String test = testName + " " + Fmt.p(p);
    String note = "";
    if (v == Verdict.PASS && (ratio > 1 + t || ratio < 1 / (1 + t))) {
      note = ": not significant";
    } else if (v == Verdict.PASS && p < o.alpha()) {
      note = ": significant but within the threshold";
    } else if (median != null && v != Verdict.PASS && median != v) {
      note = ": the tail moved but the median did not, as machine noise (interrupts, other jobs) often does; rerun,"
          + " or use strictTail to count it";
      v = Verdict.INCONCLUSIVE;
    }
    String reason = predictor + " " + subject + ": " + Fmt.value(cur, "ns") + " vs " + Fmt.value(base, "ns") + " ("
        + Fmt.percent(ratio - 1) + ", " + test + ", threshold +" + Math.round(100 * t) + "%" + note + ")";
    add(kind, predictor, subject, base, cur, "ns", test, p, v, reason);
    return v;
  }

  private void offline(BenchmarkReport.PredictorResult c, BenchmarkReport.PredictorResult b) {
    Optional<PerformanceResult> cr = perf(c, Scenario.Offline.class);
    Optional<PerformanceResult> br = perf(b, Scenario.Offline.class);
    if (br.isEmpty()) {
      return;
    }
    if (cr.isEmpty()) {
      missing(Check.THROUGHPUT, b.name(), "offline");
      return;
    }
    PerformanceResult.OfflinePoint pc = best(cr.get());
    PerformanceResult.OfflinePoint pb = best(br.get());
    // the histogram holds the per-batch latencies of the best batch size; per-row times compare across sizes
    LatencyTests.MannWhitney mw = LatencyTests.mannWhitney(
        LatencyTests.Buckets.of(cr.get().histogram(), pc.batchSize()),
        LatencyTests.Buckets.of(br.get().histogram(), pb.batchSize()));
    double cur = pc.rowsPerSecond();
    double base = pb.rowsPerSecond();
    double ratio = cur / base;
    double t = o.throughputThreshold();
    Verdict v = Verdict.PASS;
    double p = ratio < 1 ? mw.pGreater() : mw.pLess();
    if (ratio < 1 - t && mw.pGreater() < o.alpha()) {
      v = Verdict.REGRESSED;
      p = mw.pGreater();
    } else if (ratio > 1 / (1 - t) && mw.pLess() < o.alpha()) {
      v = Verdict.IMPROVED;
      p = mw.pLess();
    }
    String test = "Mann-Whitney on per-row times " + Fmt.p(p);
    String subject = "offline rows/s";
    String reason = b.name() + " " + subject + ": " + Fmt.num(cur) + " vs " + Fmt.num(base) + " (batch "
        + pc.batchSize() + " vs " + pb.batchSize() + ", " + Fmt.percent(ratio - 1) + ", " + test + ", threshold -"
        + Math.round(100 * t) + "%" + (v == Verdict.PASS && (ratio < 1 - t || ratio > 1 / (1 - t))
        ? ": not significant" : v == Verdict.PASS && p < o.alpha() ? ": significant but within the threshold" : "")
        + ")";
    add(Check.THROUGHPUT, b.name(), subject, base, cur, "rows/s", test, p, v, reason);
  }

  private static PerformanceResult.OfflinePoint best(PerformanceResult r) {
    PerformanceResult.OfflinePoint best = null;
    for (PerformanceResult.OfflinePoint p : r.offline()) {
      if (best == null || p.rowsPerSecond() > best.rowsPerSecond()) {
        best = p;
      }
    }
    return best;
  }

  private void missing(Check kind, String predictor, String scenario) {
    add(kind, predictor, scenario, Double.NaN, Double.NaN, "ns", "none", Double.NaN, Verdict.INCONCLUSIVE,
        predictor + " " + scenario + ": in the baseline but not in the current report");
  }

  /** Adds a timing check, capped at INCONCLUSIVE when the machines differ. */
  private void add(Check kind, String predictor, String subject, double base, double cur, String unit, String test,
      double p, Verdict v, String reason) {
    if (!envDiffs.isEmpty()) {
      v = Verdict.INCONCLUSIVE;
      reason = reason + "; different machines: " + String.join("; ", envDiffs);
    }
    out.add(new CheckResult(kind, predictor, subject, base, cur, unit, test, p, v, reason));
  }
}
