package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The type of {@link RobustScale}: id {@code mlops.robust_scale}, version 1. Its fitted state holds {@code center}
 * (medians) and {@code scale} (quantile ranges) per input column.
 *
 * <pre>{@code
 * TransformType<RobustScale> t = RobustScale.of().type();   // t.qualifiedId() is "mlops.robust_scale@1"
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class RobustScaleType extends BuiltInType<RobustScale> {
  static final RobustScaleType INSTANCE = new RobustScaleType();

  /** For {@link java.util.ServiceLoader}; use {@code RobustScale.of().type()}. */
  public RobustScaleType() {
    super("mlops.robust_scale", RobustScale.class);
  }

  /** The fitted step from its state; checks one finite (or NaN) center and positive scale per input column. */
  @Override
  public FittedTransform restore(RobustScale params, StepContext context, JsonNode state, int savedVersion) {
    String what = Numeric.what(context, id());
    int n = context.inputs().size();
    return params.fitted(context, Numeric.finiteOrNaN(state, "center", what, n),
        Numeric.divisors(state, "scale", what, n));
  }
}
