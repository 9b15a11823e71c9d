package dev.mlops.preprocessing.steps;

import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.GrowableDoubles;
import dev.mlops.preprocessing.internal.Quantiles;
import java.util.Arrays;

/** Fits {@link Bin}: running minimum and maximum (uniform) or every value (quantile), per column. */
final class BinFitter implements Fitter {
  private final Bin params;
  private final StepContext context;
  private final Schema inputs;
  private final double[] min;
  private final double[] max;
  private final GrowableDoubles[] values;
  private int rows;

  BinFitter(Bin params, StepContext context) {
    this.params = params;
    this.context = context;
    this.inputs = context.inputs();
    int k = inputs.size();
    this.min = new double[k];
    this.max = new double[k];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    this.values = params.strategy() == Bin.Strategy.QUANTILE ? new GrowableDoubles[k] : null;
    if (values != null) {
      Arrays.setAll(values, c -> new GrowableDoubles());
    }
  }

  @Override
  public void accept(Frame batch) {
    int n = batch.rowCount();
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      double lo = min[c];
      double hi = max[c];
      for (int r = 0; r < n; r++) {
        double x = v[r];
        if (Double.isNaN(x)) {
          Field f = inputs.field(c);
          throw new ValidationException("step '" + context.stepName() + "' (bin): column '" + f.name()
              + "' has a missing value at training row " + (rows + r) + "; bins cannot be fitted on missing values"
              + " (as in scikit-learn); impute the column first or drop the rows");
        }
        if (Double.isInfinite(x)) {
          Field f = inputs.field(c);
          throw new ValidationException("step '" + context.stepName() + "' (bin): column '" + f.name()
              + "' has an infinite value at training row " + (rows + r) + "; bins need finite values (as in"
              + " scikit-learn); clip the column or filter the rows first");
        }
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      min[c] = lo;
      max[c] = hi;
      if (values != null) {
        values[c].addAll(v);
      }
    }
    rows += n;
  }

  @Override
  public FittedTransform finish() {
    if (rows == 0) {
      throw new ValidationException("step '" + context.stepName() + "' (bin) got no training rows; bins need data"
          + " to place their edges");
    }
    double[][] edges = new double[inputs.size()][];
    for (int c = 0; c < edges.length; c++) {
      edges[c] = edges(c);
    }
    return new FittedBin(params, context, edges);
  }

  private double[] edges(int c) {
    if (min[c] == max[c]) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    int k = params.nBins();
    if (params.strategy() == Bin.Strategy.UNIFORM) {
      return linspace(min[c], max[c], k + 1);
    }
    double[] sorted = values[c].sorted();
    double[] q = linspace(0, 100, k + 1);
    double[] e = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      e[i] = Quantiles.percentile(sorted, rows, q[i]);
    }
    // sklearn: keep edges whose difference to the previous (original) edge exceeds 1e-8
    double[] kept = new double[k + 1];
    int m = 0;
    for (int i = 0; i <= k; i++) {
      if (i == 0 || e[i] - e[i - 1] > 1e-8) {
        kept[m++] = e[i];
      }
    }
    return Arrays.copyOf(kept, m);
  }

  /** {@code numpy.linspace(start, stop, num)}: {@code i * ((stop - start) / (num - 1)) + start}, the last exactly stop. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    int div = num - 1;
    double delta = stop - start;
    double step = delta / div;
    for (int i = 0; i < num; i++) {
      y[i] = step == 0 ? (double) i / div * delta + start : i * step + start;
    }
    if (num > 1) {
      y[num - 1] = stop;
    }
    return y;
  }
}
