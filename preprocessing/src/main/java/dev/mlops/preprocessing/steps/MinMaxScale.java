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
import java.util.List;
import java.util.Objects;

/**
 * Scales numeric columns to a range, as scikit-learn's {@code MinMaxScaler}: {@code scale = (max - min of the range)
 * / (max - min of the data)}, {@code offset = range min - data min * scale}, and {@code x * scale + offset}, the same
 * operations in the same order (not {@code (x - min) / (max - min)}, which differs in the last bits). Spec:
 * {@code {"step": "min_max_scale", "featureRange": [-1, 1]}}.
 *
 * <pre>{@code
 * MinMaxScale s = MinMaxScale.of();                            // to [0, 1]
 * MinMaxScale t = MinMaxScale.of().withFeatureRange(-1, 1).withClip(true);
 * }</pre>
 *
 * <p>Inputs: DOUBLE or LONG columns; outputs: one DOUBLE column per input, same name and tags. Missing values
 * (null, or NaN) are ignored when fitting and stay missing; an infinite value is an error, as in scikit-learn. A
 * constant column (data range below {@code 10 * eps}) gets data range 1, so it maps to the range minimum. A column
 * with no value at fit has NaN state and an all-missing output. Values outside the fitted data range fall outside
 * the feature range unless {@code clip} is set. Same as scikit-learn 1.2.1, bit for bit; the state holds only
 * aggregates (minimum and maximum).
 *
 * <p>Stability: experimental.
 *
 * @param featureRange {@code [min, max]} of the output, min below max (default {@code [0, 1]})
 * @param clip clip transformed values to the feature range (default false)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record MinMaxScale(List<Double> featureRange, boolean clip) implements Transform {

  /** Checks the range: two finite numbers, the first below the second. */
  public MinMaxScale {
    if (featureRange == null || featureRange.size() != 2 || featureRange.stream().anyMatch(Objects::isNull)) {
      throw new ValidationException("min_max_scale: featureRange " + featureRange + " must be two numbers [min, max],"
          + " for example [0, 1]");
    }
    featureRange = List.copyOf(featureRange);
    double lo = featureRange.get(0);
    double hi = featureRange.get(1);
    if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new ValidationException("min_max_scale: featureRange " + featureRange + " must be finite with min < max;"
          + " swap or fix the bounds");
    }
  }

  /** To {@code [0, 1]}, without clipping. */
  public static MinMaxScale of() {
    return new MinMaxScale(List.of(0.0, 1.0), false);
  }

  @JsonCreator
  static MinMaxScale fromJson(@JsonProperty("featureRange") List<Double> featureRange,
      @JsonProperty("clip") Boolean clip) {
    return new MinMaxScale(featureRange == null ? List.of(0.0, 1.0) : featureRange, clip != null && clip);
  }

  /** A copy scaling to {@code [min, max]}: {@code MinMaxScale.of().withFeatureRange(-1, 1)}. */
  public MinMaxScale withFeatureRange(double min, double max) {
    return new MinMaxScale(List.of(min, max), clip);
  }

  /** A copy that clips outputs to the feature range or not. */
  public MinMaxScale withClip(boolean clip) {
    return new MinMaxScale(featureRange, clip);
  }

  /** {@link MinMaxScaleType}, id {@code mlops.min_max_scale}. */
  @Override
  public TransformType<MinMaxScale> type() {
    return MinMaxScaleType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG and starts fitting. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new Fit(this, context);
  }

  /** The fitted step from the data minima and maxima (fit and restore both come here). */
  FittedTransform fitted(StepContext context, double[] dataMin, double[] dataMax) {
    double[][] sm = scaleAndMin(dataMin, dataMax);
    ObjectNode state = StateJson.object();
    StateJson.putDoubles(state, "dataMin", dataMin);
    StateJson.putDoubles(state, "dataMax", dataMax);
    StateJson.putDoubles(state, "scale", sm[0]);
    StateJson.putDoubles(state, "min", sm[1]);
    return FittedAffine.multiplyAdd(context, sm[0], sm[1], clip, featureRange.get(0), featureRange.get(1), state);
  }

  /** scikit-learn's {@code scale_} and {@code min_} from the data minima and maxima. */
  double[][] scaleAndMin(double[] dataMin, double[] dataMax) {
    double lo = featureRange.get(0);
    double hi = featureRange.get(1);
    int n = dataMin.length;
    double[] scale = new double[n];
    double[] min = new double[n];
    for (int k = 0; k < n; k++) {
      scale[k] = (hi - lo) / Numeric.handleZero(dataMax[k] - dataMin[k]);
      min[k] = lo - dataMin[k] * scale[k];
    }
    return new double[][] {scale, min};
  }

  /** Running minimum and maximum per column, NaN until a value is seen. */
  private static final class Fit implements Fitter {
    private final MinMaxScale params;
    private final StepContext context;
    private final double[] min;
    private final double[] max;
    private long rows;

    Fit(MinMaxScale params, StepContext context) {
      this.params = params;
      this.context = context;
      int n = context.inputs().size();
      min = new double[n];
      max = new double[n];
      java.util.Arrays.fill(min, Double.NaN);
      java.util.Arrays.fill(max, Double.NaN);
    }

    @Override
    public void accept(Frame batch) {
      Numeric.checkInputs(context, batch);
      for (int k = 0; k < min.length; k++) {
        double[] x = Numeric.values(batch.column(k));
        Numeric.rejectInfinite(context, k, x, rows);
        double lo = min[k];
        double hi = max[k];
        for (double v : x) {
          if (v == v) {
            lo = v >= lo ? lo : v; // also replaces the initial NaN
            hi = v <= hi ? hi : v;
          }
        }
        min[k] = lo;
        max[k] = hi;
      }
      rows += batch.rowCount();
    }

    @Override
    public FittedTransform finish() {
      return params.fitted(context, min.clone(), max.clone());
    }
  }
}
