package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Frame;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import dev.mlops.preprocessing.internal.NumpySum;

/**
 * Standardizes numeric columns, as scikit-learn's {@code StandardScaler}: {@code (x - mean) / std}, with the
 * population standard deviation (ddof 0). Spec: {@code {"step": "standard_scale", "withMean": true, "withStd": true}}.
 *
 * <pre>{@code
 * StandardScale s = StandardScale.of();                   // center and scale
 * StandardScale noCenter = StandardScale.of().withMean(false);
 * }</pre>
 *
 * <p>Inputs: DOUBLE or LONG columns; outputs: one DOUBLE column per input, same name and tags. Missing values
 * (null, or NaN) are ignored when fitting and stay missing; an infinite value is an error, at fit and at transform,
 * as in scikit-learn. A column whose variance is zero, or indistinguishable from zero by scikit-learn's test
 * ({@code var <= n * eps * var + (n * mean * eps)^2}), gets scale 1. A column with no value at fit has NaN mean and
 * scale, and its output is all missing (scikit-learn does the same).
 *
 * <p>Fitting streams: each batch's mean and sum of squared deviations are computed as scikit-learn does (numpy's
 * pairwise sums, the corrected two-pass formula), and batches are merged with Chan's parallel formula (batch means
 * taken relative to the column's first value, so data far from zero keeps its digits): one batch gives
 * scikit-learn's numbers bit for bit, and any batching agrees with them to rounding noise (within 1e-13 relative on
 * the golden data in batches of 7 rows). Differences
 * from scikit-learn: the fitted state always holds mean, variance and scale (scikit-learn leaves out what
 * {@code with_mean}/{@code with_std} disable); sparse input does not exist here, and no sample weights.
 *
 * <p>Stability: experimental.
 *
 * @param withMean subtract the mean (default true)
 * @param withStd divide by the standard deviation (default true)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StandardScale(boolean withMean, boolean withStd) implements Transform {

  /** Centers and scales: {@code StandardScale.of()}. */
  public static StandardScale of() {
    return new StandardScale(true, true);
  }

  @JsonCreator
  static StandardScale fromJson(@JsonProperty("withMean") Boolean withMean, @JsonProperty("withStd") Boolean withStd) {
    return new StandardScale(withMean == null || withMean, withStd == null || withStd);
  }

  /** A copy that subtracts the mean or not: {@code StandardScale.of().withMean(false)}. */
  public StandardScale withMean(boolean withMean) {
    return new StandardScale(withMean, withStd);
  }

  /** A copy that divides by the standard deviation or not: {@code StandardScale.of().withStd(false)}. */
  public StandardScale withStd(boolean withStd) {
    return new StandardScale(withMean, withStd);
  }

  /** {@link StandardScaleType}, id {@code mlops.standard_scale}. */
  @Override
  public TransformType<StandardScale> type() {
    return StandardScaleType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG and starts fitting. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new Fit(this, context);
  }

  /** The fitted step from its statistics (fit and restore both come here). */
  FittedTransform fitted(StepContext context, double[] mean, double[] var, double[] scale, double[] count) {
    ObjectNode state = StateJson.object();
    StateJson.putDoubles(state, "mean", mean);
    StateJson.putDoubles(state, "var", var);
    StateJson.putDoubles(state, "scale", scale);
    StateJson.putDoubles(state, "count", count);
    int n = mean.length;
    double[] center = new double[n];
    double[] divisor = new double[n];
    for (int k = 0; k < n; k++) {
      center[k] = withMean ? mean[k] : 0.0;
      divisor[k] = withStd ? scale[k] : 1.0;
    }
    return FittedAffine.shiftDivide(context, center, divisor, state);
  }

  /**
   * scikit-learn's {@code _is_constant_feature} and {@code _handle_zeros_in_scale}: {@code sqrt(var)}, or 1 where
   * the variance is within the error bound of the two-pass formula.
   */
  static double scaleOf(double var, double mean, double n) {
    double m = n * mean * Numeric.EPS;
    double upper = n * Numeric.EPS * var + m * m;
    return var <= upper ? 1.0 : Math.sqrt(var);
  }

  /**
   * Per column: the count, the sum (Neumaier-compensated, for the mean), and for merging batches the sum of
   * {@code x - shift} (shift: the column's first value, so batch means of data far from zero still differ
   * accurately) and the sum of squared deviations M2.
   */
  private static final class Fit implements Fitter {
    private final StandardScale params;
    private final StepContext context;
    private final long[] count;
    private final double[] sum;
    private final double[] compensation;
    private final double[] shift;
    private final double[] shiftedSum;
    private final double[] shiftedCompensation;
    private final double[] m2;
    private double[] scratch = new double[0];
    private long rows;

    Fit(StandardScale params, StepContext context) {
      this.params = params;
      this.context = context;
      int n = context.inputs().size();
      count = new long[n];
      sum = new double[n];
      compensation = new double[n];
      shift = new double[n];
      shiftedSum = new double[n];
      shiftedCompensation = new double[n];
      m2 = new double[n];
    }

    @Override
    public void accept(Frame batch) {
      Numeric.checkInputs(context, batch);
      if (scratch.length < batch.rowCount()) {
        scratch = new double[batch.rowCount()];
      }
      for (int k = 0; k < count.length; k++) {
        double[] x = Numeric.values(batch.column(k));
        Numeric.rejectInfinite(context, k, x, rows);
        int n = 0;
        int first = -1;
        for (int r = 0; r < x.length; r++) {
          if (x[r] == x[r]) {
            n++;
            first = first < 0 ? r : first;
          }
        }
        if (n == 0) {
          continue;
        }
        if (count[k] == 0) {
          shift[k] = x[first];
        }
        int len = x.length;
        double[] d = scratch;
        double c = shift[k];
        for (int r = 0; r < len; r++) {
          d[r] = x[r] - c;
        }
        double shifted = NumpySum.nansum(d, 0, len);
        // scikit-learn's _incremental_mean_and_var on one batch: T = nansum / n, then the corrected two-pass sums
        double s = NumpySum.nansum(x, 0, len);
        double t = s / n;
        for (int r = 0; r < len; r++) {
          d[r] = x[r] - t;
        }
        double correction = NumpySum.nansum(d, 0, len);
        for (int r = 0; r < len; r++) {
          d[r] *= d[r];
        }
        double batchM2 = NumpySum.nansum(d, 0, len) - correction * correction / n;
        merge(k, n, s, shifted, batchM2);
      }
      rows += batch.rowCount();
    }

    /** Chan, Golub and LeVeque's pairwise update of (count, mean, M2), the means taken relative to the shift. */
    private void merge(int k, long n, double s, double shifted, double batchM2) {
      long before = count[k];
      if (before == 0) {
        count[k] = n;
        sum[k] = s;
        shiftedSum[k] = shifted;
        m2[k] = batchM2;
        return;
      }
      long total = before + n;
      double delta = shifted / n - (shiftedSum[k] + shiftedCompensation[k]) / before;
      m2[k] += batchM2 + delta * delta * ((double) before * n / total);
      add(sum, compensation, k, s);
      add(shiftedSum, shiftedCompensation, k, shifted);
      count[k] = total;
    }

    /** Neumaier's compensated addition of {@code s} to {@code sum[k]}. */
    private static void add(double[] sum, double[] compensation, int k, double s) {
      double t = sum[k] + s;
      compensation[k] += Math.abs(sum[k]) >= Math.abs(s) ? (sum[k] - t) + s : (s - t) + sum[k];
      sum[k] = t;
    }

    @Override
    public FittedTransform finish() {
      int n = count.length;
      double[] mean = new double[n];
      double[] var = new double[n];
      double[] scale = new double[n];
      double[] seen = new double[n];
      for (int k = 0; k < n; k++) {
        seen[k] = count[k];
        mean[k] = (sum[k] + compensation[k]) / seen[k];
        var[k] = m2[k] / seen[k];
        scale[k] = scaleOf(var[k], mean[k], seen[k]);
      }
      return params.fitted(context, mean, var, scale, seen);
    }
  }
}
