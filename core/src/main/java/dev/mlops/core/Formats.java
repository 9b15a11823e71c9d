package dev.mlops.core;

import java.math.BigDecimal;
import java.math.MathContext;

/** Display formatting shared by {@link Frame#toString()} and {@link Column#toString()}. */
final class Formats {
  private Formats() {}

  /**
   * {@code v} with at most six significant digits, like pandas' display; exact integers below 1e15 stay whole
   * ({@code 3.0}); other values of 1e6 and more, or below 1e-4, in scientific form ({@code 1.23457e+08}), so a
   * rounded value never looks like an exact integer.
   */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
    double abs = Math.abs(v);
    if (abs >= 1e-4 && abs < 1e6) {
      return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
    String sci = String.format(java.util.Locale.ROOT, "%.5e", v);
    int e = sci.indexOf('e');
    String mantissa = sci.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
    return mantissa + sci.substring(e);
  }
}
