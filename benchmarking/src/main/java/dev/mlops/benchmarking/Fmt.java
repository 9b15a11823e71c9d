package dev.mlops.benchmarking;

import java.util.Locale;

/** Number formatting of the regression gate's reasons. Not API. */
final class Fmt {
  private Fmt() {}

  /** A value in its unit: nanoseconds scaled to ns/us/ms/s, rows/s as is, metrics with 4 decimals. */
  static String value(double v, String unit) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if ("ns".equals(unit)) {
      double a = Math.abs(v);
      if (a >= 1e9) {
        return num(v / 1e9) + " s";
      }
      if (a >= 1e6) {
        return num(v / 1e6) + " ms";
      }
      if (a >= 1e3) {
        return num(v / 1e3) + " us";
      }
      return num(v) + " ns";
    }
    if (unit == null || unit.isEmpty()) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    return num(v) + " " + unit;
  }

  /** Three significant digits, without exponent for ordinary magnitudes. */
  static String num(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** The change from baseline to current: relative for timings, absolute for metrics. */
  static String change(double baseline, double current, String unit) {
    if (Double.isNaN(baseline) || Double.isNaN(current)) {
      return "n/a";
    }
    if (unit == null || unit.isEmpty()) {
      return String.format(Locale.ROOT, "%+.4f", current - baseline);
    }
    return percent(current / baseline - 1);
  }

  static String percent(double r) {
    return String.format(Locale.ROOT, Math.abs(r) < 0.1 ? "%+.1f%%" : "%+.0f%%", 100 * r);
  }

  static String p(double p) {
    if (Double.isNaN(p)) {
      return "p n/a";
    }
    if (p < 1e-6) {
      return "p < 1e-6";
    }
    return String.format(Locale.ROOT, p < 0.001 ? "p = %.1e" : "p = %.3f", p);
  }
}
