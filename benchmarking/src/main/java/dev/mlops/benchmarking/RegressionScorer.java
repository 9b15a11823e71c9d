package dev.mlops.benchmarking;

import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;

/** Regression metrics as scikit-learn 1.2 defines them, over weighted rows. */
final class RegressionScorer implements Scorers.Scorer {
  /** {@code np.finfo(np.float64).eps}: scikit-learn's floor for MAPE's denominator. */
  static final double EPS = Math.ulp(1.0);

  private final double[] y;
  private final double[] err;

  RegressionScorer(double[] yTrue, Predictions pred) {
    if (pred.task() != Task.REGRESSION) {
      throw new ValidationException("regression metrics need regression predictions, got " + pred.task());
    }
    double[] yp = pred.values();
    Scorers.checkSize(yTrue.length, yp.length, "the true values");
    y = yTrue;
    err = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new ValidationException("true value at row " + i + " is " + y[i] + "; drop or impute the row");
      }
      if (!Double.isFinite(yp[i])) {
        throw new ValidationException("predicted value at row " + i + " is " + yp[i] + "; the model must give finite"
            + " values");
      }
      err[i] = y[i] - yp[i];
    }
  }

  @Override
  public int size() {
    return y.length;
  }

  @Override
  public RegressionMetrics score(int[] w) {
    int n = y.length;
    double count = 0;
    double abs = 0;
    double sq = 0;
    double pct = 0;
    double sumY = 0;
    for (int i = 0; i < n; i++) {
      int wi = w == null ? 1 : w[i];
      if (wi == 0) {
        continue;
      }
      double e = err[i];
      count += wi;
      abs += wi * Math.abs(e);
      sq += wi * (e * e);
      pct += wi * (Math.abs(e) / Math.max(Math.abs(y[i]), EPS));
      sumY += wi * y[i];
    }
    double mean = sumY / count;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      int wi = w == null ? 1 : w[i];
      if (wi != 0) {
        double d = y[i] - mean;
        ss += wi * (d * d);
      }
    }
    List<String> notes = new ArrayList<>();
    double r2;
    if (count < 2) {
      r2 = Double.NaN;
      notes.add("r2: undefined with fewer than two rows (scikit-learn warns and gives NaN)");
    } else if (ss == 0) {
      r2 = sq == 0 ? 1.0 : 0.0;
      notes.add("r2: the true values are constant; set to " + r2 + (sq == 0 ? " (perfect predictions)"
          : " (imperfect predictions)") + " as scikit-learn's force_finite=True");
    } else {
      r2 = 1 - sq / ss;
    }
    return new RegressionMetrics((int) count, abs / count, Math.sqrt(sq / count), r2, pct / count, notes);
  }
}
