package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The type of {@link MaxAbsScale}: id {@code mlops.max_abs_scale}, version 1. Its fitted state holds
 * {@code maxAbs} per input column and the derived {@code scale} (restore checks they agree).
 *
 * <pre>{@code
 * TransformType<MaxAbsScale> t = MaxAbsScale.of().type();   // t.qualifiedId() is "mlops.max_abs_scale@1"
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class MaxAbsScaleType extends BuiltInType<MaxAbsScale> {
  static final MaxAbsScaleType INSTANCE = new MaxAbsScaleType();

  /** For {@link java.util.ServiceLoader}; use {@code MaxAbsScale.of().type()}. */
  public MaxAbsScaleType() {
    super("mlops.max_abs_scale", MaxAbsScale.class);
  }

  /** The fitted step from its state; checks one non-negative (or NaN) value per input column. */
  @Override
  public FittedTransform restore(MaxAbsScale params, StepContext context, JsonNode state, int savedVersion) {
    String what = Numeric.what(context, id());
    int n = context.inputs().size();
    double[] maxAbs = Numeric.finiteOrNaN(state, "maxAbs", what, n);
    double[] scale = Numeric.divisors(state, "scale", what, n);
    for (int k = 0; k < n; k++) {
      if (maxAbs[k] < 0 || Double.compare(scale[k], Numeric.handleZero(maxAbs[k])) != 0) {
        throw new ValidationException("fitted state of " + what + ": column '" + context.inputs().field(k).name()
            + "' has maxAbs " + maxAbs[k] + " and scale " + scale[k] + "; the saved pipeline is damaged");
      }
    }
    return MaxAbsScale.fitted(context, maxAbs);
  }
}
