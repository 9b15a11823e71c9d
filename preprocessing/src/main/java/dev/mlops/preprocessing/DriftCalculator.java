package dev.mlops.preprocessing;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams current data against a reference profile: per numeric column the exact counts in the reference's bins
 * and a reservoir sample (same size and seed as the reference's) for the KS test; per categorical column the counts
 * of the reference's categories and of everything else. Used by one thread.
 */
final class DriftCalculator {
  private final DataProfile reference;
  private final DriftOptions options;
  private final Feature[] features;
  private long rows;

  DriftCalculator(DataProfile reference, Schema current, DriftOptions options) {
    this.reference = reference;
    this.options = options;
    List<ColumnProfile> cols = reference.columns();
    this.features = new Feature[cols.size()];
    for (int i = 0; i < features.length; i++) {
      ColumnProfile c = cols.get(i);
      boolean compared = !c.isPii() && (c.isNumeric() || c.isCategorical());
      if (compared) {
        if (!current.contains(c.name())) {
          throw new ValidationException("drift: column '" + c.name() + "' of the reference profile is not in the "
              + "current data (its columns are " + current.names() + "); run profile.constraints().validate(frame)"
              + " to see every problem, or select the columns the profile has");
        }
        ColumnType t = current.field(c.name()).type();
        if (t != c.type()) {
          throw new ValidationException("drift: column '" + c.name() + "' is " + t + " in the current data but "
              + c.type() + " in the reference profile; cast it, or re-profile the reference");
        }
      }
      features[i] = new Feature(c, compared && current.contains(c.name()), current.contains(c.name()),
          reference.options());
    }
  }

  DriftCalculator accept(Frame batch) {
    for (Feature f : features) {
      if (f.present) {
        f.accept(batch.column(f.ref.name()));
      }
    }
    rows += batch.rowCount();
    return this;
  }

  DriftReport report() {
    List<FeatureDrift> out = new ArrayList<>(features.length);
    for (Feature f : features) {
      out.add(f.result(options));
    }
    return new DriftReport(reference.rows(), rows, options, out);
  }

  /**
   * PSI of two distributions over the same bins: {@code sum_i (a_i - e_i) ln(a_i / e_i)} with each proportion
   * floored at {@code epsilon} (no renormalisation).
   */
  static double psi(double[] expected, double[] actual, double epsilon) {
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.max(expected[i], epsilon);
      double a = Math.max(actual[i], epsilon);
      sum += (a - e) * Math.log(a / e);
    }
    return sum;
  }

  /** The largest absolute difference between two distributions over the same bins. */
  static double linf(double[] expected, double[] actual) {
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
    }
    return max;
  }

  private static double[] shares(long[] counts, long total) {
    double[] p = new double[counts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = total == 0 ? 0.0 : (double) counts[i] / total;
    }
    return p;
  }

  /** One reference column and its current counts. */
  private static final class Feature {
    final ColumnProfile ref;
    final boolean compared;
    final boolean present;
    long rows;
    long missing;
    long count;
    final long[] bins;
    final double[] edges;
    final Reservoir sample;
    final Map<String, Integer> categoryIndex;
    final long[] categoryCounts;

    Feature(ColumnProfile ref, boolean compared, boolean present, ProfileOptions profileOptions) {
      this.ref = ref;
      this.compared = compared;
      this.present = present;
      boolean numeric = compared && ref.isNumeric();
      boolean categorical = compared && ref.isCategorical();
      this.edges = numeric ? ref.binEdgesShared() : new double[0];
      this.bins = numeric ? new long[edges.length + 1] : new long[0];
      this.sample = numeric ? new Reservoir(profileOptions.sampleSize(), profileOptions.seed(), ref.name()) : null;
      this.categoryIndex = new HashMap<>();
      if (categorical) {
        for (ColumnProfile.Category c : ref.categories()) {
          categoryIndex.put(c.value(), categoryIndex.size());
        }
      }
      this.categoryCounts = categorical ? new long[categoryIndex.size() + 1] : new long[0];
    }

    void accept(Column column) {
      int n = column.size();
      rows += n;
      if (!compared) {
        missing += column.nullCount();
        return;
      }
      switch (column.type()) {
        case DOUBLE -> {
          DoubleColumn d = (DoubleColumn) column;
          double[] values = d.toArray();
          boolean nulls = d.hasNulls();
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v) || (nulls && d.isNull(i))) {
              missing++;
            } else {
              number(v);
            }
          }
        }
        case LONG -> {
          LongColumn l = (LongColumn) column;
          long[] values = l.toArray();
          boolean nulls = l.hasNulls();
          for (int i = 0; i < n; i++) {
            if (nulls && l.isNull(i)) {
              missing++;
            } else {
              number(values[i]);
            }
          }
        }
        case STRING -> {
          StringColumn s = (StringColumn) column;
          List<String> dict = s.dictionary();
          int other = categoryCounts.length - 1;
          int[] slot = new int[dict.size()];
          for (int code = 0; code < slot.length; code++) {
            slot[code] = categoryIndex.getOrDefault(dict.get(code), other);
          }
          for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
              missing++;
            } else {
              categoryCounts[slot[s.code(i)]]++;
              count++;
            }
          }
        }
        case BOOLEAN -> {
          BooleanColumn b = (BooleanColumn) column;
          int other = categoryCounts.length - 1;
          int t = categoryIndex.getOrDefault("true", other);
          int f = categoryIndex.getOrDefault("false", other);
          for (int i = 0; i < n; i++) {
            if (b.isNull(i)) {
              missing++;
            } else {
              categoryCounts[b.getBoolean(i) ? t : f]++;
              count++;
            }
          }
        }
        default -> missing += column.nullCount();
      }
    }

    private void number(double v) {
      count++;
      bins[ColumnAccumulator.bin(edges, v)]++;
      sample.add(v);
    }

    FeatureDrift result(DriftOptions o) {
      double nan = Double.NaN;
      double curNull = rows == 0 ? 0.0 : (double) missing / rows;
      if (!compared) {
        String why = !present ? "not compared: column absent from the current data"
            : ref.isPii() ? "not compared: pii column (the profile keeps no values)"
            : "not compared: " + ref.type() + " column";
        return new FeatureDrift(ref.name(), ref.type(), ref.count(), rows - missing, ref.nullFraction(), curNull,
            nan, nan, nan, nan, DriftStatus.OK, why);
      }
      if (ref.count() == 0) {
        return new FeatureDrift(ref.name(), ref.type(), 0, count, ref.nullFraction(), curNull, nan, nan, nan, nan,
            DriftStatus.OK, "not compared: the reference has no values");
      }
      if (count == 0) {
        return new FeatureDrift(ref.name(), ref.type(), ref.count(), 0, ref.nullFraction(), curNull, nan, nan, nan,
            nan, DriftStatus.ALERT, "the current data has no values (" + missing + " of " + rows + " missing)");
      }
      if (ref.isNumeric()) {
        double psi = psi(ref.binProportionsShared(), shares(bins, count), o.epsilon());
        double[] a = ref.sampleShared().clone();
        double[] b = sample.sample();
        Arrays.sort(a);
        Arrays.sort(b);
        double d = KolmogorovSmirnov.statistic(a, b);
        double p = KolmogorovSmirnov.pValue(d, a.length, b.length);
        DriftStatus s = DriftStatus.OK;
        List<String> why = new ArrayList<>();
        if (psi >= o.psiAlert()) {
          s = s.worst(DriftStatus.ALERT);
          why.add("PSI >= " + TextTable.num(o.psiAlert()));
        } else if (psi >= o.psiWarn()) {
          s = s.worst(DriftStatus.WARN);
          why.add("PSI >= " + TextTable.num(o.psiWarn()));
        }
        if (p < o.ksAlertPValue()) {
          s = s.worst(DriftStatus.ALERT);
          why.add("KS p-value < " + TextTable.num(o.ksAlertPValue()));
        }
        return new FeatureDrift(ref.name(), ref.type(), ref.count(), count, ref.nullFraction(), curNull, psi, d, p,
            nan, s, String.join(", ", why));
      }
      List<ColumnProfile.Category> cats = ref.categories();
      long[] refCounts = new long[cats.size() + 1];
      for (int i = 0; i < cats.size(); i++) {
        refCounts[i] = cats.get(i).count();
      }
      refCounts[cats.size()] = ref.otherCount();
      double[] e = shares(refCounts, ref.count());
      double[] a = shares(categoryCounts, count);
      double psi = psi(e, a, o.epsilon());
      double linf = linf(e, a);
      DriftStatus s = DriftStatus.OK;
      List<String> why = new ArrayList<>();
      if (psi >= o.psiAlert()) {
        s = s.worst(DriftStatus.ALERT);
        why.add("PSI >= " + TextTable.num(o.psiAlert()));
      } else if (psi >= o.psiWarn()) {
        s = s.worst(DriftStatus.WARN);
        why.add("PSI >= " + TextTable.num(o.psiWarn()));
      }
      if (linf >= o.linfAlert()) {
        s = s.worst(DriftStatus.ALERT);
        why.add("L-inf >= " + TextTable.num(o.linfAlert()));
      } else if (linf >= o.linfWarn()) {
        s = s.worst(DriftStatus.WARN);
        why.add("L-inf >= " + TextTable.num(o.linfWarn()));
      }
      return new FeatureDrift(ref.name(), ref.type(), ref.count(), count, ref.nullFraction(), curNull, psi, nan,
          nan, linf, s, String.join(", ", why));
    }
  }
}
