package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Cast}: id {@code mlops.cast}, version 1. The state is empty.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class CastType extends BuiltInType<Cast> {
  static final CastType INSTANCE = new CastType();

  /** For ServiceLoader; use {@link Cast#type()}. */
  public CastType() {
    super("mlops.cast", Cast.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Cast params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedCast(params, context);
  }
}
