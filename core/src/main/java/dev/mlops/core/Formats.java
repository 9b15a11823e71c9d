package dev.mlops.core;

import java.math.BigDecimal;
import java.math.MathContext;

/** Display formatting shared by {@link Frame#toString()} and {@link Column#toString()}. */
final class Formats {
  private Formats() {}

  /** {@code v} with at most six significant digits, like pandas' display; exact integers stay whole. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
    double abs = Math.abs(v);
    if (abs >= 1e-4 && abs < 1e15) {
      return d.toPlainString();
    }
    return d.toString().replace("E+", "e+").replace("E-", "e-");
  }
}
