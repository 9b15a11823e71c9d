package dev.mlops.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal that reads back to a given double, computed the same way on every JDK (the JDK's own
 * {@code Double.toString} changed in JDK 19: {@code 2.82879384806159E17} is {@code 2.82879384806159008E17} on
 * JDK 17). Used by canonical JSON and by the CSV writer, whose bytes are hashed. Not API.
 */
public final class ShortestDecimal {
  /**
   * From JDK 19 on, {@link Double#toString(double)} is specified to give exactly these digits (the shortest
   * decimal that rounds to the value, the closest one if several, ties to an even digit), so the exact search
   * is needed only on older runtimes.
   */
  private static final boolean JDK_TO_STRING_IS_SHORTEST = Runtime.version().feature() >= 19;

  private ShortestDecimal() {}

  /**
   * The decimal with the fewest significant digits that parses back to exactly {@code d} (as a float when
   * {@code isFloat}), the one nearest {@code d} among those; zero for either zero. {@code d} must be finite.
   */
  public static BigDecimal of(double d, boolean isFloat) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("no decimal for " + d);
    }
    if (d == 0) {
      return BigDecimal.ZERO; // also -0.0
    }
    BigDecimal exact = new BigDecimal(d);
    int maxDigits = isFloat ? 9 : 17;
    // Most doubles that get here need 16 or 17 digits, so look at the longest short length first: if the
    // nearest decimal of DIG digits (15 for double, 6 for float) does not round back to d, none of fewer
    // digits does. A shorter one that did would, padded with zeros, be a DIG-digit decimal inside d's rounding
    // interval; decimals of that length lie more than an ulp apart, so it would be the nearest one itself.
    // The answer is the same as trying 1, 2, ... digits in turn, at a fraction of the cost.
    // Below the normal range the ulp grows relative to the value and the argument fails: search from 1.
    int dig = isFloat ? 6 : 15;
    boolean subnormal = isFloat ? Math.abs((float) d) < Float.MIN_NORMAL : Math.abs(d) < Double.MIN_NORMAL;
    int from = subnormal || roundsBack(exact, dig, d, isFloat) != null ? 1 : dig + 1;
    for (int digits = from; digits < maxDigits; digits++) {
      BigDecimal candidate = roundsBack(exact, digits, d, isFloat);
      if (candidate != null) {
        return candidate;
      }
    }
    return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
  }

  /** {@code exact} rounded to {@code digits} significant digits if that reads back as {@code d}, else null. */
  private static BigDecimal roundsBack(BigDecimal exact, int digits, double d, boolean isFloat) {
    BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    String text = candidate.toString();
    boolean same = isFloat ? Float.parseFloat(text) == (float) d : Double.parseDouble(text) == d;
    return same ? candidate : null;
  }

  /**
   * Appends {@code d} in the layout of {@link Double#toString(double)} ({@code 100.0}, {@code 0.001},
   * {@code 1.0E-7}, {@code -0.0}, {@code NaN}, {@code -Infinity}) but with the digits of {@link #of}, so the
   * text is the same on every JDK and reads back to {@code d}.
   */
  public static void appendJavaStyle(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append(d);
      return;
    }
    if (d == 0) {
      out.append(1 / d < 0 ? "-0.0" : "0.0");
      return;
    }
    if (d < 0) {
      out.append('-');
      d = -d;
    }
    // Fast path: a decimal of at most 15 significant digits is the only one of that length that rounds to a
    // normal double (15 = DBL_DIG), so when the JDK's text has at most 15 digits and reads back to d, they are
    // the shortest digits, whatever the JDK. Longer texts (or subnormals) take the exact search.
    String jdk = Double.toString(d);
    long[] digitsAndExp = new long[2];
    String digits = d >= Double.MIN_NORMAL ? digitsOf(jdk, digitsAndExp) : null;
    int n;
    if (digits != null && (JDK_TO_STRING_IS_SHORTEST || digits.length() <= 15 && Double.parseDouble(jdk) == d)) {
      n = (int) digitsAndExp[1];
    } else {
      BigDecimal v = of(d, false).stripTrailingZeros();
      digits = v.unscaledValue().toString();
      n = digits.length() - v.scale();
    }
    layout(out, digits, n);
  }

  /**
   * The significant digits of a {@code Double.toString} text (no leading or trailing zeros), with {@code n} in
   * {@code out[1]} such that the value is 0.digits x 10^n; null if the text has another form.
   */
  private static String digitsOf(String text, long[] out) {
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    int exp = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    int dot = mantissa.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int pointAt = dot + exp; // value = 0.all x 10^pointAt
    int lead = 0;
    while (lead < all.length() && all.charAt(lead) == '0') {
      lead++;
    }
    int end = all.length();
    while (end > lead && all.charAt(end - 1) == '0') {
      end--;
    }
    if (lead == end) {
      return null;
    }
    out[1] = pointAt - lead;
    return all.substring(lead, end);
  }

  /** Double.toString's layout of 0.digits x 10^n: plain for 10^-3 <= value < 10^7, else d.dddE[-]x. */
  private static void layout(StringBuilder out, String digits, int n) {
    int k = digits.length();
    if (n >= -2 && n <= 7) {
      if (n <= 0) {
        out.append("0.");
        out.append("0".repeat(-n)).append(digits);
      } else if (k <= n) {
        out.append(digits).append("0".repeat(n - k)).append(".0");
      } else {
        out.append(digits, 0, n).append('.').append(digits, n, k);
      }
      return;
    }
    out.append(digits.charAt(0)).append('.');
    if (k > 1) {
      out.append(digits, 1, k);
    } else {
      out.append('0');
    }
    out.append('E').append(n - 1);
  }
}
