package dev.mlops.preprocessing;

import java.util.List;

/** Aligned plain-text tables for reports: a header, a rule, then rows; columns padded to their widest cell. */
final class TextTable {
  private TextTable() {}

  static String format(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    line(s, header, width);
    for (int i = 0; i < width.length; i++) {
      s.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    s.append('\n');
    for (List<String> r : rows) {
      line(s, r, width);
    }
    return s.toString();
  }

  private static void line(StringBuilder s, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      l.append(i == 0 ? "" : "  ").append(c).append(" ".repeat(width[i] - c.length()));
    }
    int end = l.length();
    while (end > 0 && l.charAt(end - 1) == ' ') {
      end--;
    }
    s.append(l, 0, end).append('\n');
  }

  /** A double exactly (shortest round-trip form), whole numbers without ".0": for messages. */
  static String exact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A double for people: up to 6 significant digits, NaN as "-". */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(java.util.Locale.ROOT, "%.6g", v);
    if (s.contains("e")) {
      return s;
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s;
  }
}
