package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.ReportFacts.NA;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tables of a rendered {@link BenchmarkReport}, as plain (unescaped) text: the Markdown and HTML renderers
 * escape and lay them out, so both show the same figures.
 */
final class ReportTables {
  /** What a section shows, so the HTML renderer knows which chart goes with it. */
  enum Kind { ENVIRONMENT, DATA, ACCURACY, LOAD, LATENCY, OFFLINE, COMPARISONS }

  /**
   * One table with its heading.
   *
   * @param kind what it shows
   * @param heading the section heading
   * @param intro a sentence before the table, or null
   * @param head the column headings
   * @param rows the cells
   * @param scenario the scenario (latency and offline sections), else null
   */
  record Section(Kind kind, String heading, String intro, List<String> head, List<List<String>> rows,
      Scenario scenario) {
    /** Whether column {@code col} holds figures (right-aligned): every cell is a number as we write them, or n/a. */
    boolean numeric(int col) {
      return !rows.isEmpty() && rows.stream().allMatch(row -> FIGURE.matcher(row.get(col)).matches());
    }
  }

  /** A figure as {@link ReportFacts} writes it: "0.962 [0.947, 0.975]", "1,234", "1.5 KiB", "3 / 5", "n/a". */
  private static final Pattern FIGURE = Pattern.compile("n/a|< 1e-12( \\(exact\\))?|-?[0-9][0-9.,]*(e-?[0-9]+)?"
      + "( \\[.*\\]| (B|KiB|MiB|GiB|TiB)| / [0-9]+| \\(exact\\))?");

  private ReportTables() {}

  static List<Section> of(BenchmarkReport r) {
    List<Section> out = new ArrayList<>();
    out.add(environment(r.environment()));
    out.add(data(r.data()));
    if (!ReportFacts.mainMetrics(r).isEmpty()) {
      out.add(accuracy(r));
    }
    out.add(load(r));
    for (Map.Entry<Scenario, List<ReportFacts.Run>> e : ReportFacts.byScenario(r).entrySet()) {
      out.add(performance(e.getKey(), e.getValue()));
    }
    if (!r.comparisons().isEmpty()) {
      out.add(comparisons(r));
    }
    return out;
  }

  private static Section environment(Environment e) {
    return new Section(Kind.ENVIRONMENT, "Environment", null, List.of("Property", "Value"), List.of(
        List.of("JVM", e.jvmName() + " " + e.jvmVersion() + " (" + e.jvmVendor() + ")"),
        List.of("OS", e.osName() + " " + e.osVersion() + " (" + e.osArch() + ")"),
        List.of("CPU", e.cpuModel()),
        List.of("Cores", String.valueOf(e.availableProcessors())),
        List.of("Max heap", ReportFacts.bytes((double) e.maxHeapBytes())),
        List.of("JVM flags", e.flags().isEmpty() ? "none" : String.join(" ", e.flags())),
        List.of("Libraries", ReportFacts.libraries(e))), null);
  }

  private static Section data(BenchmarkReport.DataInfo d) {
    return new Section(Kind.DATA, "Data", null, List.of("Name", "Task", "Rows", "Features", "Labels", "SHA-256"),
        List.of(List.of(d.name(), d.task() == null ? NA : d.task().name().toLowerCase(Locale.ROOT),
            String.valueOf(d.rows()), String.valueOf(d.features()),
            d.labels() == null || d.labels().isEmpty() ? NA : String.join(", ", d.labels()),
            ReportFacts.shortSha(d.sha256()))), null);
  }

  private static Section accuracy(BenchmarkReport r) {
    List<String> metrics = ReportFacts.mainMetrics(r);
    List<String> head = new ArrayList<>();
    head.add("Predictor");
    metrics.forEach(m -> head.add(m + (Metric.byName(m).higherIsBetter() ? " ↑" : " ↓")));
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkReport.PredictorResult p : r.predictors()) {
      List<String> row = new ArrayList<>();
      row.add(p.name());
      for (String m : metrics) {
        BenchmarkReport.MetricValue v = p.metrics().get(m);
        row.add(v == null ? NA : ReportFacts.withInterval(v.estimate(), v.lower(), v.upper()));
      }
      rows.add(row);
    }
    return new Section(Kind.ACCURACY, "Accuracy", "Estimate on all rows with its "
        + ReportFacts.percent(ReportFacts.level(r)) + " bootstrap interval (↑ higher is better, ↓ lower is better).",
        head, rows, null);
  }

  private static Section load(BenchmarkReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkReport.PredictorResult p : r.predictors()) {
      rows.add(List.of(p.name(), p.framework() == null ? NA : p.framework().name() + " " + p.framework().version(),
          ReportFacts.millis(p.loadNanos()), ReportFacts.millis(p.firstPredictionNanos()),
          ReportFacts.bytes(p.sizeBytes() == null ? null : p.sizeBytes().doubleValue())));
    }
    return new Section(Kind.LOAD, "Load", null,
        List.of("Predictor", "Framework", "Load (ms)", "First prediction (ms)", "Size"), rows, null);
  }

  private static Section performance(Scenario s, List<ReportFacts.Run> results) {
    List<List<String>> rows = new ArrayList<>();
    if (s instanceof Scenario.Offline) {
      for (ReportFacts.Run run : results) {
        PerformanceResult pr = run.result();
        for (PerformanceResult.OfflinePoint pt : pr.offline()) {
          rows.add(latencyRow(run.predictor(), String.valueOf(pt.batchSize()), pt.latency(), pt.rowsPerSecond(),
              pr.allocatedBytesPerPrediction()));
        }
      }
      return new Section(Kind.OFFLINE, "Throughput: " + ReportFacts.scenarioTitle(s), "Latency is per batch.",
          List.of("Predictor", "Batch size", "p50 (µs)", "p90 (µs)", "p99 (µs)", "p99.9 (µs)", "Rows/s",
              "Allocated per prediction"), rows, s);
    }
    for (ReportFacts.Run run : results) {
      PerformanceResult pr = run.result();
      rows.add(latencyRow(run.predictor(), null, pr.latency(), pr.rowsPerSecond(), pr.allocatedBytesPerPrediction()));
    }
    return new Section(Kind.LATENCY, "Latency: " + ReportFacts.scenarioTitle(s), null, List.of("Predictor",
        "p50 (µs)", "p90 (µs)", "p99 (µs)", "p99.9 (µs)", "Rows/s", "Allocated per prediction"), rows, s);
  }

  private static List<String> latencyRow(String name, String batch, PerformanceResult.Latency l, double rowsPerSecond,
      double allocated) {
    List<String> row = new ArrayList<>();
    row.add(name);
    if (batch != null) {
      row.add(batch);
    }
    row.add(ReportFacts.micros(l.p50()));
    row.add(ReportFacts.micros(l.p90()));
    row.add(ReportFacts.micros(l.p99()));
    row.add(ReportFacts.micros(l.p999()));
    row.add(ReportFacts.number(rowsPerSecond));
    row.add(ReportFacts.bytes(allocated));
    return row;
  }

  private static Section comparisons(BenchmarkReport r) {
    List<String> metrics = new ArrayList<>();
    r.comparisons().forEach(c -> c.differences().forEach(d -> {
      if (!metrics.contains(d.metric())) {
        metrics.add(d.metric());
      }
    }));
    List<String> head = new ArrayList<>(List.of("A", "B", "McNemar b / c", "McNemar p"));
    metrics.forEach(m -> head.add("Δ " + m + " (A − B)"));
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkReport.PairResult c : r.comparisons()) {
      PairedComparison.McNemar mc = c.mcNemar();
      List<String> row = new ArrayList<>(List.of(c.a(), c.b(), mc == null ? NA : mc.b() + " / " + mc.c(),
          mc == null ? NA : ReportFacts.pValue(mc.pValue()) + (mc.exact() ? " (exact)" : "")));
      for (String m : metrics) {
        row.add(c.differences().stream().filter(d -> d.metric().equals(m)).findFirst()
            .map(d -> ReportFacts.withInterval(d.estimate(), d.lower(), d.upper())).orElse(NA));
      }
      rows.add(row);
    }
    return new Section(Kind.COMPARISONS, "Paired comparisons", "Differences are A − B with their "
        + ReportFacts.percent(ReportFacts.level(r)) + " paired bootstrap interval; McNemar's test counts the rows "
        + "only A (b) or only B (c) got right.", head, rows, null);
  }
}
