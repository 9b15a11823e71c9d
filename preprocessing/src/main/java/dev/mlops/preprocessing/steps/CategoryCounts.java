package dev.mlops.preprocessing.steps;

import dev.mlops.core.StringColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Running counts of one STRING column's values over the training batches. A batch is counted per dictionary code
 * (an int array indexed by code), and only the codes a batch uses are merged into the totals by value, so the cost
 * per row is an array increment, never a hash of the string.
 */
final class CategoryCounts {
  private final Map<String, long[]> counts = new HashMap<>();
  private long missing;
  private long rows;

  void add(StringColumn column) {
    int n = column.size();
    int d = column.dictionarySize();
    int[] perCode = new int[d];
    int[] firstRow = new int[d];
    int nulls = 0;
    for (int r = 0; r < n; r++) {
      int c = column.code(r);
      if (c < 0) {
        nulls++;
      } else if (perCode[c]++ == 0) {
        firstRow[c] = r;
      }
    }
    for (int c = 0; c < d; c++) {
      if (perCode[c] > 0) {
        counts.computeIfAbsent(column.getString(firstRow[c]), k -> new long[1])[0] += perCode[c];
      }
    }
    missing += nulls;
    rows += n;
  }

  /** The rows counted, missing ones included. */
  long rows() {
    return rows;
  }

  /** The missing (null) rows counted. */
  long missing() {
    return missing;
  }

  /** The count of {@code value}; {@code null} counts the missing rows. */
  long count(String value) {
    if (value == null) {
      return missing;
    }
    long[] c = counts.get(value);
    return c == null ? 0 : c[0];
  }

  /** The values seen, sorted by code point as scikit-learn sorts strings, then null when a row was missing. */
  List<String> sortedCategories() {
    List<String> out = new ArrayList<>(counts.keySet());
    out.sort(CategoryCounts::compareCodePoints);
    if (missing > 0) {
      out.add(null);
    }
    return out;
  }

  /** The most frequent value, the smallest by code point on ties (scikit-learn's most_frequent); null if none. */
  String mostFrequent() {
    String best = null;
    long bestCount = 0;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long c = e.getValue()[0];
      if (c > bestCount || c == bestCount && compareCodePoints(e.getKey(), best) < 0) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }

  /**
   * Orders strings by Unicode code point (numpy's and Python's order), not by UTF-16 unit as
   * {@link String#compareTo}.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
