package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.GrowableDoubles;
import dev.mlops.preprocessing.internal.NumpySum;
import dev.mlops.preprocessing.internal.Quantiles;

/**
 * Fits {@link Impute}: per column whether a value was missing, and what its strategy needs (a count and compensated
 * sum for mean, the values for median and most_frequent on numbers, a count per distinct string).
 */
final class ImputeFitter implements Fitter {
  private final Impute params;
  private final StepContext context;
  private final boolean[] missing;
  private final long[] count;
  private final double[] sum;
  private final double[] compensation;
  private final GrowableDoubles[] values;
  private final CategoryCounts[] stringCounts;
  private long rows;

  ImputeFitter(Impute params, StepContext context) {
    this.params = params;
    this.context = context;
    int n = context.inputs().size();
    missing = new boolean[n];
    count = new long[n];
    sum = new double[n];
    compensation = new double[n];
    values = new GrowableDoubles[n];
    stringCounts = new CategoryCounts[n];
    for (int k = 0; k < n; k++) {
      boolean text = context.inputs().field(k).type() == ColumnType.STRING;
      boolean keepValues = params.strategy() == Impute.Strategy.MEDIAN
          || params.strategy() == Impute.Strategy.MOST_FREQUENT;
      values[k] = !text && keepValues ? new GrowableDoubles() : null;
      stringCounts[k] = text && params.strategy() == Impute.Strategy.MOST_FREQUENT ? new CategoryCounts() : null;
    }
  }

  @Override
  public void accept(Frame batch) {
    Numeric.checkInputs(context, batch);
    for (int k = 0; k < missing.length; k++) {
      Column c = batch.column(k);
      if (c instanceof StringColumn s) {
        acceptStrings(k, s);
      } else {
        acceptNumbers(k, Numeric.values(c));
      }
    }
    rows += batch.rowCount();
  }

  private void acceptStrings(int k, StringColumn s) {
    missing[k] |= s.hasNulls();
    if (stringCounts[k] != null) {
      stringCounts[k].add(s);
    }
  }

  private void acceptNumbers(int k, double[] x) {
    Numeric.rejectInfinite(context, k, x, rows);
    int n = 0;
    for (double v : x) {
      n += v == v ? 1 : 0;
    }
    missing[k] |= n < x.length;
    if (values[k] != null) {
      values[k].addNonNaN(x);
    } else if (params.strategy() == Impute.Strategy.MEAN && n > 0) {
      // numpy's masked mean sums the batch pairwise with 0 for missing values; batches add up compensated
      double s = NumpySum.nansum(x, 0, x.length);
      double t = sum[k] + s;
      compensation[k] += Math.abs(sum[k]) >= Math.abs(s) ? (sum[k] - t) + s : (s - t) + sum[k];
      sum[k] = t;
      count[k] += n;
    }
  }

  @Override
  public FittedTransform finish() {
    int n = missing.length;
    Object[] statistics = new Object[n];
    for (int k = 0; k < n; k++) {
      boolean text = context.inputs().field(k).type() == ColumnType.STRING;
      Object stat = text ? stringStatistic(k) : numericStatistic(k);
      if (stat == null && params.keepEmpty()) {
        stat = text ? Impute.DEFAULT_STRING_FILL : (Object) 0.0;
      }
      statistics[k] = stat;
      values[k] = null;
    }
    return new FittedImpute(params, context, statistics, missing.clone());
  }

  /** The fill value of a numeric column, or null if the column had no value at fit. */
  private Double numericStatistic(int k) {
    double v;
    switch (params.strategy()) {
      case MEAN -> v = (sum[k] + compensation[k]) / count[k];
      case MEDIAN -> {
        double[] sorted = values[k].sorted();
        v = Quantiles.median(sorted, sorted.length);
      }
      case MOST_FREQUENT -> v = mostFrequent(values[k].sorted());
      default -> v = params.numericFill();
    }
    return Double.isNaN(v) ? null : v;
  }

  /** The fill value of a STRING column, or null if the column had no value at fit. */
  private String stringStatistic(int k) {
    if (params.strategy() == Impute.Strategy.CONSTANT) {
      return params.stringFill();
    }
    return stringCounts[k].mostFrequent();
  }

  /** The value with the longest run in {@code sorted}, the smallest on ties; NaN if empty (scipy's mode). */
  static double mostFrequent(double[] sorted) {
    double best = Double.NaN;
    int bestRun = 0;
    for (int i = 0; i < sorted.length;) {
      int j = i + 1;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      if (j - i > bestRun) {
        best = sorted[i];
        bestRun = j - i;
      }
      i = j;
    }
    return best;
  }
}
