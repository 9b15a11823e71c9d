package dev.mlops.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes {@link Frame#describe()}. */
final class Describe {
  private Describe() {}

  static Frame of(Frame f) {
    int n = f.columnCount();
    StringColumn.Builder name = StringColumn.builder(n);
    StringColumn.Builder type = StringColumn.builder(n);
    LongColumn.Builder count = LongColumn.builder(n);
    LongColumn.Builder nulls = LongColumn.builder(n);
    DoubleColumn.Builder mean = DoubleColumn.builder(n);
    DoubleColumn.Builder std = DoubleColumn.builder(n);
    DoubleColumn.Builder min = DoubleColumn.builder(n);
    DoubleColumn.Builder q25 = DoubleColumn.builder(n);
    DoubleColumn.Builder q50 = DoubleColumn.builder(n);
    DoubleColumn.Builder q75 = DoubleColumn.builder(n);
    DoubleColumn.Builder max = DoubleColumn.builder(n);
    LongColumn.Builder unique = LongColumn.builder(n);
    StringColumn.Builder top = StringColumn.builder(n);
    LongColumn.Builder freq = LongColumn.builder(n);
    for (int c = 0; c < n; c++) {
      Column col = f.column(c);
      name.add(f.schema().field(c).name());
      type.add(col.type().toString());
      count.add((long) col.size() - col.nullCount());
      nulls.add((long) col.nullCount());
      double[] v = numericValues(col);
      if (v != null && v.length > 0) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double m = mean(v);
        mean.add(m);
        std.add(v.length > 1 ? Math.sqrt(sumSquares(v, m) / (v.length - 1)) : Double.NaN);
        min.add(sorted[0]);
        q25.add(quantile(sorted, 0.25));
        q50.add(quantile(sorted, 0.5));
        q75.add(quantile(sorted, 0.75));
        max.add(sorted[sorted.length - 1]);
      } else {
        for (DoubleColumn.Builder b : List.of(mean, std, min, q25, q50, q75, max)) {
          b.addNull();
        }
      }
      if (col.type() == ColumnType.DOUBLE || col.type() == ColumnType.LONG) {
        unique.addNull();
        top.addNull();
        freq.addNull();
      } else {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int r = 0; r < col.size(); r++) {
          if (!col.isNull(r)) {
            counts.merge(col.format(r), 1L, Long::sum);
          }
        }
        unique.add((long) counts.size());
        Map.Entry<String, Long> best = null;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
          if (best == null || e.getValue() > best.getValue()) {
            best = e;
          }
        }
        top.add(best == null ? null : best.getKey());
        freq.add(best == null ? null : best.getValue());
      }
    }
    return Frame.builder()
        .column("column", name.build()).column("type", type.build())
        .column("count", count.build()).column("nulls", nulls.build())
        .column("mean", mean.build()).column("std", std.build())
        .column("min", min.build()).column("25%", q25.build()).column("50%", q50.build())
        .column("75%", q75.build()).column("max", max.build())
        .column("unique", unique.build()).column("top", top.build()).column("freq", freq.build())
        .build();
  }

  /** Non-null values of a numeric or boolean column as doubles; {@code null} for other types. */
  private static double[] numericValues(Column col) {
    double[] out = new double[col.size() - col.nullCount()];
    int k = 0;
    switch (col.type()) {
      case DOUBLE -> {
        DoubleColumn d = (DoubleColumn) col;
        for (int r = 0; r < d.size(); r++) {
          if (!d.isNull(r)) {
            out[k++] = d.getDouble(r);
          }
        }
      }
      case LONG -> {
        LongColumn l = (LongColumn) col;
        for (int r = 0; r < l.size(); r++) {
          if (!l.isNull(r)) {
            out[k++] = l.getLong(r);
          }
        }
      }
      case BOOLEAN -> {
        BooleanColumn b = (BooleanColumn) col;
        for (int r = 0; r < b.size(); r++) {
          if (!b.isNull(r)) {
            out[k++] = b.getBoolean(r) ? 1 : 0;
          }
        }
      }
      default -> {
        return null;
      }
    }
    return out;
  }

  private static double mean(double[] v) {
    // Two-pass mean: the first pass sums, the second corrects for rounding (as numpy's pairwise sum would).
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double m = sum / v.length;
    double corr = 0;
    for (double x : v) {
      corr += x - m;
    }
    return m + corr / v.length;
  }

  private static double sumSquares(double[] v, double m) {
    double ss = 0;
    double comp = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
      comp += x - m;
    }
    return ss - comp * comp / v.length;
  }

  /** The q-quantile of sorted values by linear interpolation between closest ranks (numpy's default). */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

}
