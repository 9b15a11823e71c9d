package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;
import java.util.Arrays;

/**
 * The type of {@link MinMaxScale}: id {@code mlops.min_max_scale}, version 1. Its fitted state holds
 * {@code dataMin} and {@code dataMax} per input column, and the derived {@code scale} and {@code min} for readers
 * (restore recomputes them from the data range and checks they agree).
 *
 * <pre>{@code
 * TransformType<MinMaxScale> t = MinMaxScale.of().type();   // t.qualifiedId() is "mlops.min_max_scale@1"
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class MinMaxScaleType extends BuiltInType<MinMaxScale> {
  static final MinMaxScaleType INSTANCE = new MinMaxScaleType();

  /** For {@link java.util.ServiceLoader}; use {@code MinMaxScale.of().type()}. */
  public MinMaxScaleType() {
    super("mlops.min_max_scale", MinMaxScale.class);
  }

  /** The fitted step from its state; checks one value per input column, min not above max. */
  @Override
  public FittedTransform restore(MinMaxScale params, StepContext context, JsonNode state, int savedVersion) {
    String what = Numeric.what(context, id());
    int n = context.inputs().size();
    double[] dataMin = Numeric.finiteOrNaN(state, "dataMin", what, n);
    double[] dataMax = Numeric.finiteOrNaN(state, "dataMax", what, n);
    for (int k = 0; k < n; k++) {
      if (dataMin[k] > dataMax[k] || Double.isNaN(dataMin[k]) != Double.isNaN(dataMax[k])) {
        throw new ValidationException("fitted state of " + what + ": column '" + context.inputs().field(k).name()
            + "' has dataMin " + dataMin[k] + " and dataMax " + dataMax[k] + "; the saved pipeline is damaged");
      }
    }
    double[][] derived = params.scaleAndMin(dataMin, dataMax);
    double[] scale = StateJson.doubles(state, "scale", what, n);
    double[] min = StateJson.doubles(state, "min", what, n);
    if (!Arrays.equals(scale, derived[0]) || !Arrays.equals(min, derived[1])) {
      throw new ValidationException("fitted state of " + what + ": scale and min do not follow from dataMin,"
          + " dataMax and featureRange " + params.featureRange() + "; the saved pipeline is damaged or was saved"
          + " with other parameters");
    }
    FittedTransform restored = params.fitted(context, dataMin, dataMax);
    return restored;
  }
}
