package dev.mlops.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Frame} as an aligned text table, the way pandas prints a DataFrame: numbers (DOUBLE, LONG)
 * right-aligned, other columns left-aligned, nulls as {@value Column#NULL_TEXT}, cells wider than 32 columns
 * clipped with "...", control characters escaped (newline as backslash-n, tab as backslash-t, others as
 * backslash-u and four hex digits), so one cell is always one line.
 *
 * <p>Widths are display columns on a monospaced terminal ({@link #width(String)}): East Asian wide and
 * fullwidth characters (CJK, Hangul, fullwidth forms, most emoji) take two, combining marks and format
 * characters none, everything else one; a clipped cell never splits a code point.
 */
final class FrameFormatter {
  private static final int MAX_CELL = 32;

  /**
   * Inclusive code point ranges of East Asian Width W or F (Unicode's EastAsianWidth.txt), by block; a few
   * scattered wide symbols in otherwise narrow blocks are left out, so those print one column short.
   */
  private static final int[] WIDE = {
      0x1100, 0x115F, // Hangul Jamo initial consonants
      0x231A, 0x231B, // watch, hourglass
      0x2329, 0x232A, // angle brackets
      0x2E80, 0x303E, // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation
      0x3041, 0x33FF, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed
      0x3400, 0x4DBF, // CJK unified ideographs extension A
      0x4E00, 0x9FFF, // CJK unified ideographs
      0xA000, 0xA4CF, // Yi
      0xA960, 0xA97F, // Hangul Jamo extended A
      0xAC00, 0xD7A3, // Hangul syllables
      0xF900, 0xFAFF, // CJK compatibility ideographs
      0xFE10, 0xFE19, // vertical forms
      0xFE30, 0xFE6F, // CJK compatibility forms, small form variants
      0xFF00, 0xFF60, // fullwidth forms
      0xFFE0, 0xFFE6, // fullwidth signs
      0x16FE0, 0x18AFF, // ideographic symbols, Tangut
      0x1B000, 0x1B2FF, // Kana supplement and extensions, Nushu
      0x1F300, 0x1F64F, // miscellaneous symbols and pictographs, emoticons
      0x1F680, 0x1F6FF, // transport and map symbols
      0x1F900, 0x1F9FF, // supplemental symbols and pictographs
      0x1FA70, 0x1FAFF, // symbols and pictographs extended A
      0x20000, 0x2FFFD, // CJK extensions B to F, compatibility supplement (plane 2)
      0x30000, 0x3FFFD, // CJK extension G and on (plane 3)
  };

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
    int[] widths = new int[cols + 1];
    for (String[] line : cells) {
      for (int c = 0; c <= cols; c++) {
        widths[c] = Math.max(widths[c], width(line[c]));
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] line : cells) {
      for (int c = 0; c <= cols; c++) {
        boolean left = c > 0 && !f.schema().field(c - 1).type().isNumeric();
        if (c > 1 || (c == 1 && widths[0] > 0)) {
          s.append("  ");
        }
        pad(s, line[c], widths[c], left);
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

  private static void pad(StringBuilder s, String v, int columns, boolean left) {
    int fill = columns - width(v);
    if (left) {
      s.append(v);
      s.append(" ".repeat(fill));
    } else {
      s.append(" ".repeat(fill));
      s.append(v);
    }
  }

  /** The display width of {@code v}: the sum of {@link #width(int)} over its code points. */
  static int width(String v) {
    int w = 0;
    for (int i = 0; i < v.length(); ) {
      int cp = v.codePointAt(i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  /**
   * The columns code point {@code cp} takes on a monospaced terminal: 0 for combining marks, format
   * characters (such as the zero-width joiner) and Hangul medial and final Jamo; 2 for East Asian wide and
   * fullwidth characters; 1 otherwise.
   */
  static int width(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || (cp >= 0x1160 && cp <= 0x11FF)) {
      return 0;
    }
    if (cp < WIDE[0]) {
      return 1;
    }
    int lo = 0;
    int hi = WIDE.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cp < WIDE[2 * mid]) {
        hi = mid - 1;
      } else if (cp > WIDE[2 * mid + 1]) {
        lo = mid + 1;
      } else {
        return 2;
      }
    }
    return 1;
  }

  private static void trimEnd(StringBuilder s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    s.setLength(end);
  }

  /**
   * {@code v} escaped, and clipped with "..." to at most {@link #MAX_CELL} display columns; a combining mark
   * stays with the character before it.
   */
  static String clip(String v) {
    String flat = escape(v);
    if (width(flat) <= MAX_CELL) {
      return flat;
    }
    int budget = MAX_CELL - 3;
    int used = 0;
    int end = 0;
    while (end < flat.length()) {
      int cp = flat.codePointAt(end);
      int w = width(cp);
      if (used + w > budget) {
        break;
      }
      used += w;
      end += Character.charCount(cp);
    }
    return flat.substring(0, end) + "...";
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
