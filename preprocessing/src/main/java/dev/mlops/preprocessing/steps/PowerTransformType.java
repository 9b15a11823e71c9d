package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link PowerTransform}: id {@code mlops.power_transform}, version 1. State:
 * {@code lambdas}, and with {@code standardize} also {@code mean} and {@code scale}, one number per input.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class PowerTransformType extends BuiltInType<PowerTransform> {
  static final PowerTransformType INSTANCE = new PowerTransformType();

  /** For ServiceLoader; use {@link PowerTransform#type()}. */
  public PowerTransformType() {
    super("mlops.power_transform", PowerTransform.class);
  }

  /** Reads lambdas (and mean and scale), one per input. */
  @Override
  public FittedTransform restore(PowerTransform params, StepContext context, JsonNode state, int savedVersion) {
    context.requireNumeric();
    String what = "step '" + context.stepName() + "' (mlops.power_transform)";
    int k = context.inputs().size();
    double[] lambdas = StateJson.doubles(state, "lambdas", what, k);
    double[] mean = null;
    double[] scale = null;
    if (params.standardize()) {
      mean = StateJson.doubles(state, "mean", what, k);
      scale = StateJson.doubles(state, "scale", what, k);
    }
    return new FittedPowerTransform(params, context, lambdas, mean, scale);
  }
}
