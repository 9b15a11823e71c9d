package dev.mlops.preprocessing;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running state of one column of a {@link DataProfile.Builder}. Numeric values are taken one by one in row
 * order (Welford's mean and variance, min, max, the reservoir), so the result does not depend on how the rows are
 * cut into batches, not even in the last bit. Categories are counted per dictionary code, then merged.
 */
final class ColumnAccumulator {
  private final Field field;
  private final ProfileOptions options;
  private final boolean keepValues;
  private long rows;
  private long missing;
  // numeric
  private long count;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private final Reservoir reservoir;
  // categorical: value -> {count}; the insertion order is first appearance in the data
  private final Map<String, long[]> counts;
  private long overflow;
  private boolean overflowed;

  ColumnAccumulator(Field field, ProfileOptions options) {
    this.field = field;
    this.options = options;
    this.keepValues = !field.isPii();
    boolean numeric = field.type().isNumeric();
    boolean categorical = field.type() == ColumnType.STRING || field.type() == ColumnType.BOOLEAN;
    this.reservoir = numeric && keepValues ? new Reservoir(options.sampleSize(), options.seed(), field.name()) : null;
    this.counts = categorical && keepValues ? new HashMap<>() : null;
  }

  void accept(Column column) {
    int n = column.size();
    rows += n;
    switch (field.type()) {
      case DOUBLE -> acceptDoubles((DoubleColumn) column, n);
      case LONG -> acceptLongs((LongColumn) column, n);
      case STRING -> acceptStrings((StringColumn) column, n);
      case BOOLEAN -> acceptBooleans((BooleanColumn) column, n);
      default -> missing += column.nullCount();
    }
  }

  private void acceptDoubles(DoubleColumn c, int n) {
    boolean nulls = c.hasNulls();
    double[] values = c.toArray();
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if ((nulls && c.isNull(i)) || Double.isNaN(v)) {
        missing++;
      } else {
        addNumber(v);
      }
    }
  }

  private void acceptLongs(LongColumn c, int n) {
    boolean nulls = c.hasNulls();
    long[] values = c.toArray();
    for (int i = 0; i < n; i++) {
      if (nulls && c.isNull(i)) {
        missing++;
      } else {
        addNumber(values[i]);
      }
    }
  }

  private void addNumber(double v) {
    count++;
    if (!keepValues) {
      return;
    }
    double delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    reservoir.add(v);
  }

  private void acceptBooleans(BooleanColumn c, int n) {
    long t = 0;
    long f = 0;
    for (int i = 0; i < n; i++) {
      if (c.isNull(i)) {
        missing++;
      } else if (c.getBoolean(i)) {
        t++;
      } else {
        f++;
      }
    }
    if (counts == null) {
      return;
    }
    // first appearance decides the insertion order; with two values the cap is never reached
    if (t > 0) {
      counts.computeIfAbsent("true", k -> new long[1])[0] += t;
    }
    if (f > 0) {
      counts.computeIfAbsent("false", k -> new long[1])[0] += f;
    }
  }

  private void acceptStrings(StringColumn c, int n) {
    int[] perCode = new int[c.dictionarySize()];
    for (int i = 0; i < n; i++) {
      if (c.isNull(i)) {
        missing++;
      } else {
        perCode[c.code(i)]++;
      }
    }
    if (counts == null) {
      return;
    }
    List<String> dictionary = c.dictionary();
    List<Integer> fresh = new ArrayList<>();
    for (int code = 0; code < perCode.length; code++) {
      if (perCode[code] == 0) {
        continue;
      }
      long[] known = counts.get(dictionary.get(code));
      if (known != null) {
        known[0] += perCode[code];
      } else {
        fresh.add(code);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    int cap = options.trackedDistinct();
    if (counts.size() + fresh.size() <= cap) {
      for (int code : fresh) {
        counts.put(dictionary.get(code), new long[] {perCode[code]});
      }
      return;
    }
    // Over the cap: admit new values in order of first appearance, so the outcome does not depend on batching.
    boolean[] pending = new boolean[perCode.length];
    for (int code : fresh) {
      pending[code] = true;
    }
    for (int i = 0; i < n; i++) {
      if (c.isNull(i)) {
        continue;
      }
      int code = c.code(i);
      if (!pending[code]) {
        continue;
      }
      pending[code] = false;
      if (counts.size() < cap) {
        counts.put(dictionary.get(code), new long[] {perCode[code]});
      } else {
        overflow += perCode[code];
        overflowed = true;
      }
    }
  }

  ColumnProfile build() {
    double[] none = new double[0];
    if (field.type().isNumeric() && keepValues) {
      double[] sample = reservoir.sample();
      double[] sorted = sample.clone();
      Arrays.sort(sorted);
      double[] edges = quantileEdges(sorted, options.bins());
      double[] proportions = proportions(sorted, edges);
      boolean any = count > 0;
      return new ColumnProfile(field, rows, missing, any ? min : Double.NaN, any ? max : Double.NaN,
          any ? mean : Double.NaN, count > 1 ? Math.sqrt(m2 / (count - 1)) : Double.NaN, sample, edges, proportions,
          List.of(), 0, 0, true);
    }
    if (counts != null) {
      List<Map.Entry<String, long[]>> all = new ArrayList<>(counts.entrySet());
      all.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
          : a.getKey().compareTo(b.getKey()));
      int keep = Math.min(all.size(), options.topCategories());
      List<ColumnProfile.Category> kept = new ArrayList<>(keep);
      long other = overflow;
      for (int i = 0; i < all.size(); i++) {
        if (i < keep) {
          kept.add(new ColumnProfile.Category(all.get(i).getKey(), all.get(i).getValue()[0]));
        } else {
          other += all.get(i).getValue()[0];
        }
      }
      return new ColumnProfile(field, rows, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, none,
          none, kept, other, counts.size(), !overflowed);
    }
    return new ColumnProfile(field, rows, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, none, none,
        List.of(), 0, 0, true);
  }

  /**
   * The quantiles {@code i / bins} ({@code i = 1 .. bins-1}) of a sorted sample, numpy's default 'linear' method
   * (including its choice of {@code b - (b - a)(1 - t)} for {@code t >= 0.5}), without repeats.
   */
  static double[] quantileEdges(double[] sorted, int bins) {
    int n = sorted.length;
    if (n == 0) {
      return new double[0];
    }
    double[] edges = new double[bins - 1];
    int out = 0;
    for (int i = 1; i < bins; i++) {
      double q = (double) i / bins;
      double pos = (n - 1) * q;
      int lo = (int) Math.floor(pos);
      double t = pos - lo;
      double a = sorted[lo];
      double b = sorted[Math.min(lo + 1, n - 1)];
      double diff = b - a;
      double e = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
      if (out == 0 || e > edges[out - 1]) {
        edges[out++] = e;
      }
    }
    return Arrays.copyOf(edges, out);
  }

  /** The bin of {@code v}: the number of edges strictly below it (bins closed on the right). */
  static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double[] proportions(double[] sorted, double[] edges) {
    if (sorted.length == 0) {
      return new double[0];
    }
    long[] binCounts = new long[edges.length + 1];
    for (double v : sorted) {
      binCounts[bin(edges, v)]++;
    }
    double[] p = new double[binCounts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) binCounts[i] / sorted.length;
    }
    return p;
  }
}
