package dev.mlops.benchmarking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTML report's charts, drawn with {@link Svg}: accuracy intervals, latency percentiles, offline throughput. */
final class Charts {
  /** Okabe-Ito colours (colour-blind safe), yellow left out for contrast on white. */
  static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
      "#000000", "#999999");
  static final int WIDTH = 760;
  private static final String AXIS = "#333333";
  private static final String GRID = "#dddddd";

  private Charts() {}

  static String colour(int i) {
    return PALETTE.get(i % PALETTE.size());
  }

  /** A linear or log10 mapping of a data range onto pixels, with rounded ends and tick values. */
  record Scale(double lo, double hi, boolean log, double p0, double p1) {
    /** A scale covering {@code min..max}: log10 when both are positive and differ by more than 10x. */
    static Scale of(double min, double max, double p0, double p1, boolean allowLog) {
      if (allowLog && min > 0 && max / min > 10) {
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        return new Scale(lo, hi == lo ? lo * 10 : hi, true, p0, p1);
      }
      if (!(max > min)) {
        double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
      }
      double step = step(min, max);
      return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, false, p0, p1);
    }

    static double step(double min, double max) {
      double raw = (max - min) / 5;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    }

    double map(double v) {
      double t = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
          : (v - lo) / (hi - lo);
      return p0 + t * (p1 - p0);
    }

    List<Double> ticks() {
      List<Double> out = new ArrayList<>();
      if (log) {
        int decades = (int) Math.round(Math.log10(hi / lo));
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
          out.add(d);
          if (decades <= 2 && d * 2 < hi) {
            out.add(d * 2);
            out.add(d * 5);
          }
        }
        return out;
      }
      double step = step(lo, hi);
      for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
        out.add(lo + i * step);
      }
      return out;
    }
  }

  /** A tick label: "0.95", "120", "2.5k", "3M". */
  static String tick(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(String.format(Locale.ROOT, "%.2f", v / 1e6)) + "M";
    }
    if (a >= 1e4) {
      return trim(String.format(Locale.ROOT, "%.2f", v / 1e3)) + "k";
    }
    return trim(String.format(Locale.ROOT, "%.4f", v));
  }

  private static String trim(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A horizontal axis at {@code y} with ticks, grid lines up to {@code top}, and its label. */
  static void xAxis(Svg svg, Scale x, double y, double top, String label) {
    svg.group("axis x-axis");
    for (double t : x.ticks()) {
      double px = x.map(t);
      svg.line("grid", px, top, px, y, GRID, 1).line("tick", px, y, px, y + 5, AXIS, 1)
          .text("tick-label", px, y + 18, "middle", 0, tick(t));
    }
    svg.line("axis-line", x.p0(), y, x.p1(), y, AXIS, 1);
    svg.text("axis-label", (x.p0() + x.p1()) / 2, y + 38, "middle", 0, label + (x.log() ? " (log scale)" : ""));
    svg.end();
  }

  /** A vertical axis at {@code x} with ticks, grid lines across to {@code right}, and its rotated label. */
  static void yAxis(Svg svg, Scale y, double x, double right, String label) {
    svg.group("axis y-axis");
    for (double t : y.ticks()) {
      double py = y.map(t);
      svg.line("grid", x, py, right, py, GRID, 1).line("tick", x - 5, py, x, py, AXIS, 1)
          .text("tick-label", x - 8, py + 4, "end", 0, tick(t));
    }
    svg.line("axis-line", x, y.p0(), x, y.p1(), AXIS, 1);
    svg.text("axis-label", 16, (y.p0() + y.p1()) / 2, "middle", -90, label + (y.log() ? " (log scale)" : ""));
    svg.end();
  }

  /** A legend of coloured squares with names, stacked from (x, y). */
  static void legend(Svg svg, double x, double y, List<String> names) {
    svg.group("legend");
    for (int i = 0; i < names.size(); i++) {
      svg.rect("legend-swatch", x, y + i * 20 - 10, 12, 12, colour(i), null)
          .label("legend-label", x + 18, y + i * 20, "start", 22, names.get(i));
    }
    svg.end();
  }

  /** The metric's estimate (dot) and interval (whisker) per predictor, one row each. */
  static String accuracy(String id, BenchmarkReport r, String metric) {
    List<BenchmarkReport.PredictorResult> ps = r.predictors();
    double left = 190;
    double right = WIDTH - 30;
    double top = 48;
    double rowH = 30;
    double bottom = top + ps.size() * rowH;
    int height = (int) bottom + 80;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    StringBuilder desc = new StringBuilder();
    for (BenchmarkReport.PredictorResult p : ps) {
      BenchmarkReport.MetricValue v = p.metrics().get(metric);
      desc.append(desc.length() == 0 ? "" : "; ").append(p.name()).append(": ")
          .append(v == null ? ReportFacts.NA : ReportFacts.withInterval(v.estimate(), v.lower(), v.upper()));
      if (v != null) {
        for (double d : new double[] {v.estimate(), v.lower(), v.upper()}) {
          if (!Double.isNaN(d) && !Double.isInfinite(d)) {
            min = Math.min(min, d);
            max = Math.max(max, d);
          }
        }
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    boolean higher = Metric.byName(metric).higherIsBetter();
    String level = ReportFacts.percent(ReportFacts.level(r));
    String title = metric + " per predictor, with " + level + " bootstrap interval";
    Svg svg = new Svg(id, WIDTH, height, title, "Dot and whisker chart of " + metric + " (" + (higher ? "higher"
        : "lower") + " is better). " + desc);
    svg.text("chart-title", WIDTH / 2.0, 22, "middle", 0, title);
    Scale x = Scale.of(min, max, left, right, false);
    xAxis(svg, x, bottom, top, metric + " (" + (higher ? "higher" : "lower") + " is better)");
    svg.group("marks");
    for (int i = 0; i < ps.size(); i++) {
      BenchmarkReport.PredictorResult p = ps.get(i);
      double cy = top + i * rowH + rowH / 2;
      svg.label("row-label", left - 10, cy + 4, "end", 26, p.name());
      BenchmarkReport.MetricValue v = p.metrics().get(metric);
      if (v == null || Double.isNaN(v.estimate())) {
        svg.text("missing", left + 6, cy + 4, "start", 0, "n/a");
        continue;
      }
      String tip = p.name() + ": " + ReportFacts.withInterval(v.estimate(), v.lower(), v.upper());
      if (!Double.isNaN(v.lower()) && !Double.isNaN(v.upper())) {
        double x0 = x.map(v.lower());
        double x1 = x.map(v.upper());
        svg.line("whisker", x0, cy, x1, cy, colour(i), 2).line("whisker-cap", x0, cy - 6, x0, cy + 6, colour(i), 2)
            .line("whisker-cap", x1, cy - 6, x1, cy + 6, colour(i), 2);
      }
      svg.circle("mark", x.map(v.estimate()), cy, 5, colour(i), tip);
    }
    svg.end();
    double ly = bottom + 62;
    svg.group("legend").circle("legend-mark", left, ly - 4, 5, AXIS, null)
        .text("legend-label", left + 10, ly, "start", 0, "estimate on all rows")
        .line("legend-whisker", left + 170, ly - 4, left + 200, ly - 4, AXIS, 2)
        .text("legend-label", left + 208, ly, "start", 0, level + " bootstrap interval").end();
    return svg.finish();
  }

  /** Grouped bars: p50, p90, p99, p99.9 of single-stream latency, one bar per predictor in each group. */
  static String latency(String id, List<ReportFacts.Run> results, String scenario) {
    double left = 80;
    double right = WIDTH - 190;
    double top = 48;
    double bottom = 300;
    String[] groups = {"p50", "p90", "p99", "p99.9"};
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    StringBuilder desc = new StringBuilder();
    for (ReportFacts.Run run : results) {
      double[] v = values(run.result().latency());
      desc.append(desc.length() == 0 ? "" : "; ").append(run.predictor()).append(":");
      for (int g = 0; g < groups.length; g++) {
        desc.append(' ').append(groups[g]).append(' ').append(ReportFacts.micros(v[g] * 1000)).append(" µs");
        if (v[g] > 0) {
          min = Math.min(min, v[g]);
          max = Math.max(max, v[g]);
        }
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    Scale y = Scale.of(Math.max(min, 1e-3), max, bottom, top, true);
    if (!y.log()) {
      y = Scale.of(0, max, bottom, top, false);
    }
    String title = "Latency percentiles, " + scenario;
    Svg svg = new Svg(id, WIDTH, (int) bottom + 60, title, "Grouped bar chart of latency in microseconds per "
        + "percentile" + (y.log() ? " (log scale)" : "") + ". " + desc);
    svg.text("chart-title", WIDTH / 2.0, 22, "middle", 0, title);
    yAxis(svg, y, left, right, "latency (µs)");
    double groupW = (right - left) / groups.length;
    double barW = Math.min(36, (groupW - 20) / Math.max(1, results.size()));
    svg.group("marks");
    for (int g = 0; g < groups.length; g++) {
      double gx = left + g * groupW + (groupW - barW * results.size()) / 2;
      for (int i = 0; i < results.size(); i++) {
        double v = values(results.get(i).result().latency())[g];
        double py = y.map(Math.max(v, y.lo()));
        svg.rect("bar", gx + i * barW + 1, py, barW - 2, bottom - py, colour(i), results.get(i).predictor() + " "
            + groups[g] + ": " + ReportFacts.micros(v * 1000) + " µs");
      }
      svg.text("group-label", left + g * groupW + groupW / 2, bottom + 18, "middle", 0, groups[g]);
    }
    svg.end();
    svg.line("axis-line", left, bottom, right, bottom, AXIS, 1);
    svg.text("axis-label", (left + right) / 2, bottom + 40, "middle", 0, "percentile");
    legend(svg, right + 20, top + 10, results.stream().map(ReportFacts.Run::predictor).toList());
    return svg.finish();
  }

  private static double[] values(PerformanceResult.Latency l) {
    return new double[] {l.p50() / 1000.0, l.p90() / 1000.0, l.p99() / 1000.0, l.p999() / 1000.0};
  }

  /** Offline rows per second against batch size, one line per predictor. */
  static String throughput(String id, List<ReportFacts.Run> results) {
    double left = 80;
    double right = WIDTH - 190;
    double top = 48;
    double bottom = 300;
    double xmin = Double.POSITIVE_INFINITY;
    double xmax = 0;
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = 0;
    StringBuilder desc = new StringBuilder();
    for (ReportFacts.Run run : results) {
      desc.append(desc.length() == 0 ? "" : "; ").append(run.predictor()).append(":");
      for (PerformanceResult.OfflinePoint pt : run.result().offline()) {
        desc.append(" batch ").append(pt.batchSize()).append(' ').append(ReportFacts.number(pt.rowsPerSecond()))
            .append(" rows/s");
        xmin = Math.min(xmin, pt.batchSize());
        xmax = Math.max(xmax, pt.batchSize());
        if (pt.rowsPerSecond() > 0) {
          ymin = Math.min(ymin, pt.rowsPerSecond());
          ymax = Math.max(ymax, pt.rowsPerSecond());
        }
      }
    }
    if (xmax == 0) {
      xmin = 1;
      xmax = 10;
    }
    if (ymax == 0) {
      ymin = 1;
      ymax = 10;
    }
    Scale x = Scale.of(xmin, xmax, left, right, true);
    Scale y = Scale.of(ymin, ymax, bottom, top, true);
    if (!y.log()) {
      y = Scale.of(0, ymax, bottom, top, false);
    }
    String title = "Offline throughput by batch size";
    Svg svg = new Svg(id, WIDTH, (int) bottom + 60, title, "Line chart of rows predicted per second against the "
        + "batch size. " + desc);
    svg.text("chart-title", WIDTH / 2.0, 22, "middle", 0, title);
    yAxis(svg, y, left, right, "rows per second");
    xAxis(svg, x, bottom, top, "batch size (rows)");
    svg.group("marks");
    for (int i = 0; i < results.size(); i++) {
      List<PerformanceResult.OfflinePoint> pts = results.get(i).result().offline().stream()
          .sorted(java.util.Comparator.comparingInt(PerformanceResult.OfflinePoint::batchSize)).toList();
      double[] xs = new double[pts.size()];
      double[] ys = new double[pts.size()];
      for (int k = 0; k < pts.size(); k++) {
        xs[k] = x.map(pts.get(k).batchSize());
        ys[k] = y.map(Math.max(pts.get(k).rowsPerSecond(), y.lo()));
      }
      svg.polyline("line", xs, ys, colour(i));
      for (int k = 0; k < pts.size(); k++) {
        svg.circle("point", xs[k], ys[k], 4, colour(i), results.get(i).predictor() + ", batch "
            + pts.get(k).batchSize() + ": " + ReportFacts.number(pts.get(k).rowsPerSecond()) + " rows/s");
      }
    }
    svg.end();
    legend(svg, right + 20, top + 10, results.stream().map(ReportFacts.Run::predictor).toList());
    return svg.finish();
  }
}
