package dev.mlops.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Frame} as an aligned text table, the way pandas prints a DataFrame: numbers (DOUBLE, LONG)
 * right-aligned, other columns left-aligned, cells longer than 32 characters clipped with "...", control
 * characters escaped (newline as backslash-n, tab as backslash-t, others as backslash-u and four hex digits),
 * so one cell is always one line.
 * Widths count code points, so a clipped cell never splits a surrogate pair.
 */
final class FrameFormatter {
  private static final int MAX_CELL = 32;

  private FrameFormatter() {}

  static String format(Frame f, int maxRows, int headRows, int tailRows) {
    int n = f.rowCount();
    boolean cut = n > maxRows;
    List<Integer> rows = new ArrayList<>();
    if (cut) {
      for (int i = 0; i < headRows; i++) {
        rows.add(i);
      }
      rows.add(-1);
      for (int i = n - tailRows; i < n; i++) {
        rows.add(i);
      }
    } else {
      for (int i = 0; i < n; i++) {
        rows.add(i);
      }
    }
    int cols = f.columnCount();
    String[][] cells = new String[rows.size() + 1][cols + 1];
    cells[0][0] = "";
    for (int c = 0; c < cols; c++) {
      cells[0][c + 1] = clip(f.schema().field(c).name());
    }
    for (int r = 0; r < rows.size(); r++) {
      int row = rows.get(r);
      cells[r + 1][0] = row < 0 ? "..." : Integer.toString(row);
      for (int c = 0; c < cols; c++) {
        cells[r + 1][c + 1] = row < 0 ? "..." : clip(f.column(c).format(row));
      }
    }
    int[] width = new int[cols + 1];
    for (String[] line : cells) {
      for (int c = 0; c <= cols; c++) {
        width[c] = Math.max(width[c], length(line[c]));
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] line : cells) {
      for (int c = 0; c <= cols; c++) {
        boolean left = c > 0 && !f.schema().field(c - 1).type().isNumeric();
        if (c > 1 || (c == 1 && width[0] > 0)) {
          s.append("  ");
        }
        pad(s, line[c], width[c], left);
      }
      trimEnd(s);
      s.append('\n');
    }
    if (cut || n == 0 || cols == 0) {
      s.append('[').append(n).append(n == 1 ? " row x " : " rows x ").append(cols)
          .append(cols == 1 ? " column]" : " columns]").append('\n');
    }
    return s.toString();
  }

  private static void pad(StringBuilder s, String v, int width, boolean left) {
    int fill = width - length(v);
    if (left) {
      s.append(v);
      s.append(" ".repeat(fill));
    } else {
      s.append(" ".repeat(fill));
      s.append(v);
    }
  }

  private static int length(String v) {
    return v.codePointCount(0, v.length());
  }

  private static void trimEnd(StringBuilder s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    s.setLength(end);
  }

  static String clip(String v) {
    String flat = escape(v);
    if (length(flat) <= MAX_CELL) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
  }

  private static String escape(String v) {
    StringBuilder out = null;
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (!Character.isISOControl(ch)) {
        if (out != null) {
          out.append(ch);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(v.length() + 8).append(v, 0, i);
      }
      switch (ch) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
      }
    }
    return out == null ? v : out.toString();
  }
}
