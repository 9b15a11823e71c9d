package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link Cast}: id {@code mlops.cast}, version 1. The state is empty.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class CastType implements TransformType<Cast> {
  static final CastType INSTANCE = new CastType();

  /** For ServiceLoader; use {@link Cast#type()}. */
  public CastType() {}

  @Override
  public String id() {
    return "mlops.cast";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<Cast> paramsType() {
    return Cast.class;
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Cast params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedCast(params, context);
  }
}
