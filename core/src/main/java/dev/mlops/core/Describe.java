package dev.mlops.core;

import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link Frame#describe()}. Numeric statistics skip nulls and NaN, as pandas does; sums are
 * compensated (Neumaier) and the mean gets a second correcting pass, so badly conditioned data (large offset,
 * small spread) keeps its digits. Counting for {@code unique, top, freq} works on dictionary codes, booleans
 * or sorted microseconds, never on formatted strings, so it stays linear (or n log n) on millions of rows.
 */
final class Describe {
  private Describe() {}

  static Frame of(Frame f) {
    int n = f.columnCount();
    StringColumn.Builder name = StringColumn.builder(n);
    StringColumn.Builder type = StringColumn.builder(n);
    LongColumn.Builder count = LongColumn.builder(n);
    LongColumn.Builder nulls = LongColumn.builder(n);
    List<DoubleColumn.Builder> stats = List.of(DoubleColumn.builder(n), DoubleColumn.builder(n),
        DoubleColumn.builder(n), DoubleColumn.builder(n), DoubleColumn.builder(n), DoubleColumn.builder(n),
        DoubleColumn.builder(n));
    LongColumn.Builder unique = LongColumn.builder(n);
    StringColumn.Builder top = StringColumn.builder(n);
    LongColumn.Builder freq = LongColumn.builder(n);
    for (int c = 0; c < n; c++) {
      Column col = f.column(c);
      name.add(f.schema().field(c).name());
      type.add(col.type().toString());
      nulls.add((long) col.nullCount());
      double[] v = numericValues(col);
      count.add(v != null ? v.length : (long) col.size() - col.nullCount());
      double[] row = v == null || v.length == 0 ? null : numericStats(v);
      for (int k = 0; k < stats.size(); k++) {
        stats.get(k).add(row == null ? null : row[k]);
      }
      Top t = switch (col.type()) {
        case DOUBLE, LONG -> null;
        case STRING -> topOf((StringColumn) col);
        case BOOLEAN -> topOf((BooleanColumn) col);
        case TIMESTAMP -> topOf((TimestampColumn) col);
      };
      unique.add(t == null ? null : t.unique);
      top.add(t == null ? null : t.top);
      freq.add(t == null ? null : t.freq);
    }
    String[] statNames = {"mean", "std", "min", "25%", "50%", "75%", "max"};
    Frame.Builder out = Frame.builder()
        .column("column", name.build()).column("type", type.build())
        .column("count", count.build()).column("nulls", nulls.build());
    for (int k = 0; k < statNames.length; k++) {
      out.column(statNames[k], stats.get(k).build());
    }
    return out.column("unique", unique.build()).column("top", top.build()).column("freq", freq.build()).build();
  }

  /** Mean, std, min, 25%, 50%, 75%, max of {@code v} (not empty); sorts {@code v}. */
  static double[] numericStats(double[] v) {
    double m = mean(v);
    double std = v.length > 1 ? Math.sqrt(sumSquares(v, m) / (v.length - 1)) : Double.NaN;
    Arrays.sort(v);
    return new double[] {m, std, v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[v.length - 1]};
  }

  /**
   * Values that are neither null nor NaN of a DOUBLE, LONG or BOOLEAN column (true as 1), as a fresh array;
   * {@code null} for other types.
   */
  private static double[] numericValues(Column col) {
    double[] out = new double[col.size() - col.nullCount()];
    int k = 0;
    switch (col.type()) {
      case DOUBLE -> {
        for (double x : ((DoubleColumn) col).toArray()) {
          if (!Double.isNaN(x)) {
            out[k++] = x;
          }
        }
      }
      case LONG -> {
        long[] a = ((LongColumn) col).toArray();
        for (int r = 0; r < a.length; r++) {
          if (!col.nullAt(r)) {
            out[k++] = a[r];
          }
        }
      }
      case BOOLEAN -> {
        boolean[] a = ((BooleanColumn) col).toArray();
        for (int r = 0; r < a.length; r++) {
          if (!col.nullAt(r)) {
            out[k++] = a[r] ? 1 : 0;
          }
        }
      }
      default -> {
        return null;
      }
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  /** The mean: a compensated sum divided by n, then corrected by the compensated mean of the residuals. */
  static double mean(double[] v) {
    double m = sum(v, 0) / v.length;
    if (Double.isInfinite(m)) {
      // The sum overflowed though the mean may not: average the scaled values instead.
      double[] scaled = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        scaled[i] = v[i] / v.length;
      }
      return sum(scaled, 0);
    }
    return Double.isFinite(m) ? m + sum(v, m) / v.length : m;
  }

  /** Neumaier's compensated sum of {@code v[i] - shift}. */
  private static double sum(double[] v, double shift) {
    double s = 0;
    double comp = 0;
    for (double x : v) {
      double d = x - shift;
      double t = s + d;
      comp += Math.abs(s) >= Math.abs(d) ? (s - t) + d : (d - t) + s;
      s = t;
    }
    // Once the running sum overflows, the compensation is meaningless (inf - inf): report the overflow.
    return Double.isFinite(s) ? s + comp : s;
  }

  /** The sum of squared deviations from {@code m}, corrected for the residual of {@code m} (two-pass). */
  private static double sumSquares(double[] v, double m) {
    double ss = 0;
    double comp = 0;
    for (double x : v) {
      double d = x - m;
      double sq = d * d;
      double t = ss + sq;
      comp += ss >= sq ? (ss - t) + sq : (sq - t) + ss;
      ss = t;
    }
    double resid = sum(v, m);
    return Math.max(0, ss + comp - resid * resid / v.length);
  }

  /**
   * The q-quantile of sorted values by linear interpolation between closest ranks, computed as numpy's
   * {@code quantile(method="linear")} does (including its symmetric interpolation for fractions of 0.5 and up).
   */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = pos - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    if (a == b || t == 0) {
      return a;
    }
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** Distinct non-null values, the most frequent (as displayed) and its count. */
  private record Top(long unique, String top, Long freq) {}

  private static Top topOf(StringColumn s) {
    int[] codes = s.codesShared();
    int dict = s.dictionarySize();
    int[] counts = new int[dict];
    int[] first = new int[dict];
    for (int r = 0; r < s.size(); r++) {
      int code = codes[r];
      if (code >= 0 && counts[code]++ == 0) {
        first[code] = r;
      }
    }
    int unique = 0;
    int best = -1;
    for (int k = 0; k < dict; k++) {
      if (counts[k] > 0) {
        unique++;
        if (best < 0 || counts[k] > counts[best] || (counts[k] == counts[best] && first[k] < first[best])) {
          best = k;
        }
      }
    }
    return best < 0 ? new Top(0, null, null) : new Top(unique, s.dictionaryShared()[best], (long) counts[best]);
  }

  private static Top topOf(BooleanColumn b) {
    long trues = 0;
    long falses = 0;
    int firstTrue = -1;
    int firstFalse = -1;
    for (int r = 0; r < b.size(); r++) {
      if (b.nullAt(r)) {
        continue;
      }
      if (b.getBoolean(r)) {
        firstTrue = trues++ == 0 ? r : firstTrue;
      } else {
        firstFalse = falses++ == 0 ? r : firstFalse;
      }
    }
    if (trues + falses == 0) {
      return new Top(0, null, null);
    }
    boolean t = trues > falses || (trues == falses && firstTrue < firstFalse);
    return new Top((trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0), String.valueOf(t), t ? trues : falses);
  }

  private static Top topOf(TimestampColumn ts) {
    long[] v = new long[ts.size() - ts.nullCount()];
    int k = 0;
    for (int r = 0; r < ts.size(); r++) {
      if (!ts.nullAt(r)) {
        v[k++] = ts.getMicros(r);
      }
    }
    if (v.length == 0) {
      return new Top(0, null, null);
    }
    Arrays.sort(v);
    long unique = 0;
    int maxRun = 0;
    for (int i = 0; i < v.length; i = runEnd(v, i)) {
      unique++;
      maxRun = Math.max(maxRun, runEnd(v, i) - i);
    }
    long[] candidates = new long[(int) unique];
    int nc = 0;
    for (int i = 0; i < v.length; i = runEnd(v, i)) {
      if (runEnd(v, i) - i == maxRun) {
        candidates[nc++] = v[i];
      }
    }
    long top = candidates[0];
    if (nc > 1) {
      for (int r = 0; r < ts.size(); r++) {
        if (!ts.nullAt(r) && Arrays.binarySearch(candidates, 0, nc, ts.getMicros(r)) >= 0) {
          top = ts.getMicros(r);
          break;
        }
      }
    }
    return new Top(unique, TimestampColumn.fromMicros(top).toString(), (long) maxRun);
  }

  /** The index after the run of values equal to {@code v[i]} in sorted {@code v}. */
  private static int runEnd(long[] v, int i) {
    int j = i + 1;
    while (j < v.length && v[j] == v[i]) {
      j++;
    }
    return j;
  }
}
