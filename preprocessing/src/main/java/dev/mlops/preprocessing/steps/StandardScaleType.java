package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The type of {@link StandardScale}: id {@code mlops.standard_scale}, version 1. Its fitted state holds
 * {@code mean}, {@code var}, {@code scale} and {@code count} (values seen), one per input column.
 *
 * <pre>{@code
 * TransformType<StandardScale> t = StandardScale.of().type();   // t.qualifiedId() is "mlops.standard_scale@1"
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class StandardScaleType extends BuiltInType<StandardScale> {
  static final StandardScaleType INSTANCE = new StandardScaleType();

  /** For {@link java.util.ServiceLoader}; use {@code StandardScale.of().type()}. */
  public StandardScaleType() {
    super("mlops.standard_scale", StandardScale.class);
  }

  /** The fitted step from its state; checks one finite (or NaN) value per input column. */
  @Override
  public FittedTransform restore(StandardScale params, StepContext context, JsonNode state, int savedVersion) {
    String what = Numeric.what(context, id());
    int n = context.inputs().size();
    double[] mean = Numeric.finiteOrNaN(state, "mean", what, n);
    double[] var = Numeric.finiteOrNaN(state, "var", what, n);
    double[] scale = Numeric.divisors(state, "scale", what, n);
    double[] count = StateJson.doubles(state, "count", what, n);
    return params.fitted(context, mean, var, scale, count);
  }
}
