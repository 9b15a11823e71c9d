package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Frame;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.Arrays;

/**
 * Scales numeric columns by their maximum absolute value, as scikit-learn's {@code MaxAbsScaler}: {@code x / max|x|},
 * so values land in {@code [-1, 1]} without shifting (zeros stay zero). Spec: {@code {"step": "max_abs_scale"}}.
 *
 * <pre>{@code
 * MaxAbsScale s = MaxAbsScale.of();
 * }</pre>
 *
 * <p>Inputs: DOUBLE or LONG columns; outputs: one DOUBLE column per input, same name and tags. Missing values
 * (null, or NaN) are ignored when fitting and stay missing; an infinite value is an error, as in scikit-learn. A
 * column whose maximum absolute value is below {@code 10 * eps} (all zeros) gets scale 1; a column with no value at
 * fit has NaN scale and an all-missing output. Same as scikit-learn 1.2.1, bit for bit.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record MaxAbsScale() implements Transform {

  /** The scaler (it has no parameters). */
  public static MaxAbsScale of() {
    return new MaxAbsScale();
  }

  @JsonCreator
  static MaxAbsScale fromJson() {
    return new MaxAbsScale();
  }

  /** {@link MaxAbsScaleType}, id {@code mlops.max_abs_scale}. */
  @Override
  public TransformType<MaxAbsScale> type() {
    return MaxAbsScaleType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG and starts fitting. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new Fit(context);
  }

  /** The fitted step from the maximum absolute values (fit and restore both come here). */
  static FittedTransform fitted(StepContext context, double[] maxAbs) {
    double[] scale = new double[maxAbs.length];
    for (int k = 0; k < scale.length; k++) {
      scale[k] = Numeric.handleZero(maxAbs[k]);
    }
    ObjectNode state = StateJson.object();
    StateJson.putDoubles(state, "maxAbs", maxAbs);
    StateJson.putDoubles(state, "scale", scale);
    return FittedAffine.shiftDivide(context, new double[scale.length], scale, state);
  }

  /** Running maximum of |x| per column, NaN until a value is seen. */
  private static final class Fit implements Fitter {
    private final StepContext context;
    private final double[] maxAbs;
    private long rows;

    Fit(StepContext context) {
      this.context = context;
      maxAbs = new double[context.inputs().size()];
      Arrays.fill(maxAbs, Double.NaN);
    }

    @Override
    public void accept(Frame batch) {
      Numeric.checkInputs(context, batch);
      for (int k = 0; k < maxAbs.length; k++) {
        double[] x = Numeric.values(batch.column(k));
        Numeric.rejectInfinite(context, k, x, rows);
        double m = maxAbs[k];
        for (double v : x) {
          double a = Math.abs(v);
          m = a <= m || a != a ? m : a; // also replaces the initial NaN
        }
        maxAbs[k] = m;
      }
      rows += batch.rowCount();
    }

    @Override
    public FittedTransform finish() {
      return fitted(context, maxAbs.clone());
    }
  }
}
