package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Frame;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import dev.mlops.preprocessing.internal.GrowableDoubles;
import dev.mlops.preprocessing.internal.Quantiles;
import java.util.List;
import java.util.Objects;

/**
 * Scales numeric columns robustly to outliers, as scikit-learn's {@code RobustScaler}: {@code (x - median) / (q_high
 * - q_low)}, the quantiles taken at the percentiles {@code quantileRange} with numpy's linear interpolation. Spec:
 * {@code {"step": "robust_scale", "quantileRange": [25, 75]}}.
 *
 * <pre>{@code
 * RobustScale s = RobustScale.of();                                  // median and interquartile range
 * RobustScale t = RobustScale.of().withQuantileRange(10, 90).withCentering(false);
 * }</pre>
 *
 * <p>Inputs: DOUBLE or LONG columns; outputs: one DOUBLE column per input, same name and tags. Missing values
 * (null, or NaN) are ignored when fitting and stay missing; an infinite value is an error, as in scikit-learn. A
 * column whose quantile range is below {@code 10 * eps} gets scale 1; a column with no value at fit has NaN state
 * and an all-missing output. Exact quantiles need every value, so fitting keeps each column's non-missing values
 * (8 bytes a value). Same as scikit-learn 1.2.1 bit for bit, except that {@code unit_variance} is not offered and the
 * state always holds both center and scale.
 *
 * <p>Stability: experimental.
 *
 * @param withCentering subtract the median (default true)
 * @param withScaling divide by the quantile range (default true)
 * @param quantileRange the percentiles {@code [low, high]}, {@code 0 <= low < high <= 100} (default {@code [25, 75]})
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record RobustScale(boolean withCentering, boolean withScaling, List<Double> quantileRange)
    implements Transform {

  /** Checks the quantile range: two percentiles, {@code 0 <= low < high <= 100}. */
  public RobustScale {
    if (quantileRange == null || quantileRange.size() != 2 || quantileRange.stream().anyMatch(Objects::isNull)) {
      throw new ValidationException("robust_scale: quantileRange " + quantileRange + " must be two percentiles"
          + " [low, high], for example [25, 75]");
    }
    quantileRange = List.copyOf(quantileRange);
    double lo = quantileRange.get(0);
    double hi = quantileRange.get(1);
    if (!(0 <= lo && lo < hi && hi <= 100)) {
      throw new ValidationException("robust_scale: quantileRange " + quantileRange + " must satisfy 0 <= low < high"
          + " <= 100; for the interquartile range use [25, 75]");
    }
  }

  /** Median and interquartile range: {@code RobustScale.of()}. */
  public static RobustScale of() {
    return new RobustScale(true, true, List.of(25.0, 75.0));
  }

  @JsonCreator
  static RobustScale fromJson(@JsonProperty("withCentering") Boolean withCentering,
      @JsonProperty("withScaling") Boolean withScaling, @JsonProperty("quantileRange") List<Double> quantileRange) {
    return new RobustScale(withCentering == null || withCentering, withScaling == null || withScaling,
        quantileRange == null ? List.of(25.0, 75.0) : quantileRange);
  }

  /** A copy that subtracts the median or not. */
  public RobustScale withCentering(boolean withCentering) {
    return new RobustScale(withCentering, withScaling, quantileRange);
  }

  /** A copy that divides by the quantile range or not. */
  public RobustScale withScaling(boolean withScaling) {
    return new RobustScale(withCentering, withScaling, quantileRange);
  }

  /** A copy with the percentiles {@code [low, high]}: {@code RobustScale.of().withQuantileRange(10, 90)}. */
  public RobustScale withQuantileRange(double low, double high) {
    return new RobustScale(withCentering, withScaling, List.of(low, high));
  }

  /** {@link RobustScaleType}, id {@code mlops.robust_scale}. */
  @Override
  public TransformType<RobustScale> type() {
    return RobustScaleType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG and starts fitting. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new Fit(this, context);
  }

  /** The fitted step from the medians and quantile ranges (fit and restore both come here). */
  FittedTransform fitted(StepContext context, double[] center, double[] scale) {
    ObjectNode state = StateJson.object();
    StateJson.putDoubles(state, "center", center);
    StateJson.putDoubles(state, "scale", scale);
    int n = center.length;
    double[] c = new double[n];
    double[] s = new double[n];
    for (int k = 0; k < n; k++) {
      c[k] = withCentering ? center[k] : 0.0;
      s[k] = withScaling ? scale[k] : 1.0;
    }
    return FittedAffine.shiftDivide(context, c, s, state);
  }

  /** Every non-missing value per column. */
  private static final class Fit implements Fitter {
    private final RobustScale params;
    private final StepContext context;
    private final GrowableDoubles[] values;
    private long rows;

    Fit(RobustScale params, StepContext context) {
      this.params = params;
      this.context = context;
      values = new GrowableDoubles[context.inputs().size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = new GrowableDoubles();
      }
    }

    @Override
    public void accept(Frame batch) {
      Numeric.checkInputs(context, batch);
      for (int k = 0; k < values.length; k++) {
        double[] x = Numeric.values(batch.column(k));
        Numeric.rejectInfinite(context, k, x, rows);
        values[k].addNonNaN(x);
      }
      rows += batch.rowCount();
    }

    @Override
    public FittedTransform finish() {
      int n = values.length;
      double[] center = new double[n];
      double[] scale = new double[n];
      double low = params.quantileRange.get(0);
      double high = params.quantileRange.get(1);
      for (int k = 0; k < n; k++) {
        double[] sorted = values[k].sorted();
        center[k] = Quantiles.median(sorted, sorted.length);
        scale[k] = Numeric.handleZero(Quantiles.percentile(sorted, sorted.length, high)
            - Quantiles.percentile(sorted, sorted.length, low));
        values[k] = null;
      }
      return params.fitted(context, center, scale);
    }
  }
}
